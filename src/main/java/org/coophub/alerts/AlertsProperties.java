package org.coophub.alerts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alert emails ({@code coophub.alerts.mail.*}).
 *
 * @param from        the sender address of alerts and digests
 * @param ackBaseUrl  where officers reach this hub; acknowledgement links start here
 * @param ackValidity how long an acknowledgement link works
 * @param ackSecret   the key that signs acknowledgement links (environment only); blank: a random one per start
 */
@Validated
@ConfigurationProperties("coophub.alerts.mail")
public record AlertsProperties(
        @NotBlank @Email @DefaultValue("coophub@localhost") String from,
        @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
        @DefaultValue("http://localhost:8080") String ackBaseUrl,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("7d") Duration ackValidity,
        @Pattern(regexp = "(?s)\\s*|.{32,}",
                message = "must be blank (a random secret at each start) or at least 32 characters")
        String ackSecret) {

    /** Hides the secret, so that logging or printing the settings does not let anyone forge links. */
    @Override
    public String toString() {
        return "AlertsProperties[from=" + from + ", ackBaseUrl=" + ackBaseUrl + ", ackValidity=" + ackValidity
                + ", ackSecret=" + (isRandomSecret() ? "(random)" : "(set)") + "]";
    }

    boolean isRandomSecret() {
        return ackSecret == null || ackSecret.isBlank();
    }
}
