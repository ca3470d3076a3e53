package org.coophub.publishing;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The safety net for requests, and our replies to requests from other regions, stored but not on the broker
 * ({@code coophub.publishing.*}): every {@code recoveryInterval}, those recorded more than {@code recoveryGrace} ago
 * and still unpublished are enqueued again (the broker drops the copy of one it still holds).
 */
@Validated
@ConfigurationProperties("coophub.publishing")
public record PublishingProperties(
        @NotNull @DefaultValue("1m") Duration recoveryInterval,
        @NotNull @DefaultValue("1m") Duration recoveryGrace) {
}
