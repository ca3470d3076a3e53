package org.coophub.alerts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SMTP server alerts go through ({@code coophub.alerts.smtp.*}); credentials from the environment only.
 * {@code protocol: smtps} for TLS from the first byte; {@code protocol: smtp} with {@code starttls: true} for a
 * submission port (587) that switches to TLS before the login, and refuses to send when the server cannot, so that
 * the password never travels in clear.
 */
@Validated
@ConfigurationProperties("coophub.alerts.smtp")
public record SmtpProperties(
        @NotBlank @DefaultValue("localhost") String host,
        @Min(1) @Max(65535) @DefaultValue("2525") int port,
        @NotNull @Pattern(regexp = "smtps?", message = "must be smtp or smtps") @DefaultValue("smtp") String protocol,
        String username,
        String password,
        @NotNull @DefaultValue("10s") Duration timeout,
        @DefaultValue("false") boolean starttls) {

    public SmtpProperties {
        if (starttls && "smtps".equals(protocol)) {
            throw new IllegalArgumentException("coophub.alerts.smtp.starttls is for protocol smtp; smtps is TLS"
                    + " from the first byte already");
        }
    }

    /** The camel-mail endpoint; the password travels as RAW(...) and Camel masks it in its logs. */
    public String uri() {
        StringBuilder uri = new StringBuilder(protocol).append("://").append(host).append(':').append(port)
                .append("?connectionTimeout=").append(timeout.toMillis());
        if (starttls) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        if (username != null && !username.isBlank()) {
            uri.append("&username=RAW(").append(username).append(")&password=RAW(")
                    .append(password == null ? "" : password).append(')');
        }
        return uri.toString();
    }

    @Override
    public String toString() {
        return "SmtpProperties[" + protocol + "://" + host + ":" + port + (starttls ? " (STARTTLS)" : "") + ", user "
                + (username == null ? "-" : username) + "]";
    }
}
