package org.coophub.operations;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Health and metrics settings ({@code coophub.operations.*}).
 *
 * @param probeTimeout    how long the SFTP reachability probe waits for a platform's SSH banner
 * @param probeCache      how long a probe result is reused, so that frequent /health calls do not hammer a platform
 * @param pollIntervals   a platform poll older than this many poll intervals (plus {@code pollGrace}) is stale
 * @param pollGrace       slack over the poll intervals: a poll of a large folder or a slow login takes time
 * @param metricsRefresh  how often the ledger counts behind the coophub_ gauges are queried again
 */
@Validated
@ConfigurationProperties("coophub.operations")
public record OperationsProperties(
        @NotNull @DefaultValue("2s") Duration probeTimeout,
        @NotNull @DefaultValue("5s") Duration probeCache,
        @Min(1) @DefaultValue("3") int pollIntervals,
        @NotNull @DefaultValue("30s") Duration pollGrace,
        @NotNull @DefaultValue("5s") Duration metricsRefresh) {

    /** The oldest a platform's last successful poll may be while the platform counts as healthy. */
    public Duration pollAgeLimit(Duration pollInterval) {
        return pollInterval.multipliedBy(pollIntervals).plus(pollGrace);
    }
}
