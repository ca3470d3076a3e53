package org.coophub.platform;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What happens to files taken from the platforms ({@code coophub.platform-files.*}).
 *
 * @param maxAttempts how often a file may fail for a reason that is neither a rule it breaks nor an outage (of
 *                    the ledger, the broker, the platform or the hub's disk) before it is kept aside in {@code .error}
 */
@Validated
@ConfigurationProperties("coophub.platform-files")
public record PlatformFilesProperties(@Min(1) @Max(1000) @DefaultValue("10") int maxAttempts) {
}
