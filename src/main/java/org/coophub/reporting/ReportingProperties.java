package org.coophub.reporting;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Statistics and the monthly assessment ({@code coophub.reporting.*}).
 *
 * @param detentionsFolder where CSV files of detentions per room and month are dropped (polled as often as the
 *                         request outbox, {@code coophub.intake.poll-delay-millis})
 */
@Validated
@ConfigurationProperties("coophub.reporting")
public record ReportingProperties(@NotNull @DefaultValue("data/local/detentions") Path detentionsFolder) {
}
