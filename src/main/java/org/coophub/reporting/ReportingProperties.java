package org.coophub.reporting;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Statistics and the monthly assessment ({@code coophub.reporting.*}).
 *
 * @param detentionsFolder where CSV files of detentions per room and month are dropped
 * @param detentionsPollDelayMillis how often that folder is looked at; the figures are monthly, so a minute is soon
 *                                  enough and spares the disk
 */
@Validated
@ConfigurationProperties("coophub.reporting")
public record ReportingProperties(
        @NotNull @DefaultValue("data/local/detentions") Path detentionsFolder,
        @Min(100) @DefaultValue("60000") long detentionsPollDelayMillis) {
}
