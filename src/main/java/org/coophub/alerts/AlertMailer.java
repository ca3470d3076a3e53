package org.coophub.alerts;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands a rendered mail to the route that sends it (send-alert-mail in routes/alerts.yaml), for alerts and the daily
 * digest alike. The route, not the caller, turns these three headers into the mail's own.
 */
@Component
public class AlertMailer {

    private final ProducerTemplate producer;

    public AlertMailer(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** @return why the SMTP server did not take it, or null once it did */
    public Exception send(RenderedMail mail, List<String> recipients) {
        Exchange result = producer.send("direct:send-alert-mail", exchange -> {
            exchange.getMessage().setBody(mail.html());
            exchange.getMessage().setHeader("coophubMailTo", String.join(", ", recipients));
            exchange.getMessage().setHeader("coophubMailSubject", mail.subject());
            exchange.getMessage().setHeader("coophubMailText", mail.text());
        });
        return result.getException();
    }
}
