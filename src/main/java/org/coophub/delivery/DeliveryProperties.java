package org.coophub.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** How replies and requests from other regions reach the local systems ({@code coophub.delivery.*}). */
@Validated
@ConfigurationProperties("coophub.delivery")
public record DeliveryProperties(
        @NotNull @DefaultValue("data/local/inbox") Path inbox,
        @NotBlank @DefaultValue("coophub.replies") String repliesTopic,
        @NotBlank @DefaultValue("coophub.inbound-requests") String requestsTopic,
        /** deliveries handled side by side; each is independent of the others */
        @Min(1) @Max(32) @DefaultValue("4") int consumers) {

    public Path repliesFolder() {
        return inbox.resolve("replies");
    }

    public Path requestsFolder() {
        return inbox.resolve("requests");
    }
}
