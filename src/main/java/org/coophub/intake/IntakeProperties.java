package org.coophub.intake;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Where and how local systems hand in requests ({@code coophub.intake.*}). */
@Validated
@ConfigurationProperties("coophub.intake")
public record IntakeProperties(
        @NotNull @DefaultValue("data/local/outbox") Path outbox,
        @NotNull @DefaultValue("data/local/quarantine") Path quarantine,
        @NotBlank @DefaultValue("coophub.requests.in") String jmsQueue,
        @NotBlank @DefaultValue("coophub.requests.rejected") String jmsDeadLetterQueue,
        @NotNull @DefaultValue("1MB") DataSize maxSize,
        @Min(1) @DefaultValue("1000") long pollDelayMillis) {

    private static final DataSize MAX_DOCUMENT = DataSize.ofMegabytes(64);

    public IntakeProperties {
        if (maxSize != null && maxSize.toBytes() < 1) {
            throw new IllegalArgumentException("coophub.intake.max-size must be positive");
        }
        // a document is read into one array, and a request is a page of text, not a file of gigabytes
        if (maxSize != null && maxSize.toBytes() > MAX_DOCUMENT.toBytes()) {
            throw new IllegalArgumentException("coophub.intake.max-size must be at most "
                    + MAX_DOCUMENT.toMegabytes() + "MB");
        }
    }
}
