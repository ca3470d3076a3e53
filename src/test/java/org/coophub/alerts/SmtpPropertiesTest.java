package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.coophub.support.Hub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The camel-mail endpoint the settings make, against a real SMTP server that offers no STARTTLS. */
class SmtpPropertiesTest {

    private final GreenMail server = new GreenMail(new ServerSetup(Hub.freePort(), "127.0.0.1", "smtp"));
    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void start() {
        server.start();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.stop();
    }

    @Test
    void plainSmtpSends() {
        send(settings("smtp", false));

        assertThat(server.getReceivedMessages()).hasSize(1);
    }

    @Test
    void withStarttlsNothingIsSentToAServerThatCannotSwitchToTls() {
        assertThatThrownBy(() -> send(settings("smtp", true))).hasStackTraceContaining("STARTTLS");

        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttlsOverSmtpsIsRefused() {
        assertThatThrownBy(() -> settings("smtps", true)).hasMessageContaining("coophub.alerts.smtp.starttls");
    }

    @Test
    void thePasswordIsNotInTheDescription() {
        SmtpProperties smtp = new SmtpProperties("mail.example", 587, "smtp", "coophub", "s3cret", Duration.ofSeconds(5),
                true);

        assertThat(smtp.toString()).contains("STARTTLS", "coophub").doesNotContain("s3cret");
    }

    private SmtpProperties settings(String protocol, boolean starttls) {
        return new SmtpProperties("127.0.0.1", server.getSmtp().getPort(), protocol, null, null, Duration.ofSeconds(5),
                starttls);
    }

    private void send(SmtpProperties smtp) {
        ProducerTemplate producer = camel.createProducerTemplate();
        producer.sendBodyAndHeaders(smtp.uri(), "body",
                Map.of("from", "coophub@localhost", "to", "duty@localhost", "subject", "test"));
    }
}
