package org.coophub.alerts;

import org.springframework.stereotype.Component;

/** Names the SMTP endpoint for routes/alerts.yaml ({@code ${bean:alertSmtp?method=uri}}). */
@Component("alertSmtp")
public class AlertSmtp {

    private final SmtpProperties smtp;

    public AlertSmtp(SmtpProperties smtp) {
        this.smtp = smtp;
    }

    public String uri() {
        return smtp.uri();
    }
}
