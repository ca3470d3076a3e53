package org.coophub.alerts;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The default profile's SMTP server (GreenMail on loopback): it keeps every alert coophub sends, so a newcomer can
 * read them ({@code GET /api/mailbox}) without a mail server. Off in production ({@code coophub.alerts.mailbox.enabled}).
 */
@Component
@ConditionalOnProperty(prefix = "coophub.alerts.mailbox", name = "enabled", havingValue = "true")
public class EmbeddedMailbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailbox.class);

    private final ServerSetup setup;
    private GreenMail server;

    public EmbeddedMailbox(SmtpProperties smtp) {
        this.setup = new ServerSetup(smtp.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        start();
    }

    public final synchronized void start() {
        server = new GreenMail(setup);
        server.start();
        log.info("Embedded mailbox: SMTP on 127.0.0.1:{}; sent alerts at GET /api/mailbox", setup.getPort());
    }

    /** For fault tests: the SMTP server goes away (and comes back with {@link #start()}, keeping nothing). */
    public synchronized void stop() {
        server.stop();
    }

    public synchronized List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    @Override
    public void destroy() {
        stop();
    }
}
