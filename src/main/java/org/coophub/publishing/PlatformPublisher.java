package org.coophub.publishing;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.coophub.platform.Failures;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.PublishTicket;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The decisions of the publish routes (routes/publishing.yaml): whether a queued request still needs publishing,
 * and what the ledger records after each attempt. The SFTP transfer itself is wiring, in the route.
 */
@Component("platformPublisher")
public class PlatformPublisher {

    /** Set on the exchange to tell the route whether to transfer the file. */
    public static final String PUBLISH = "coophubPublish";

    private static final Logger log = LoggerFactory.getLogger(PlatformPublisher.class);

    private final Ledger ledger;

    public PlatformPublisher(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Turns a queued requestId into the file to upload, unless it is unknown or already on the platform. */
    public void prepare(Exchange exchange) {
        String requestId = exchange.getMessage().getBody(String.class);
        PublishTicket ticket = ledger.ticket(requestId).orElse(null);
        if (ticket == null) {
            log.warn("Queued request {} is not in the ledger; dropping the message", requestId);
            exchange.setProperty(PUBLISH, false);
            return;
        }
        if (!ticket.awaitsPublication()) {
            log.info("Request {} is {}, no longer waiting to be published; ignoring the redelivered message", requestId,
                    ticket.state());
            exchange.setProperty(PUBLISH, false);
            return;
        }
        exchange.setProperty(PUBLISH, true);
        exchange.getMessage().setHeader("coophubRequestId", requestId);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, requestId + ".json");
        exchange.getMessage().setBody(ticket.payload().getBytes(StandardCharsets.UTF_8));
    }

    public void published(Exchange exchange) {
        String requestId = exchange.getMessage().getHeader("coophubRequestId", String.class);
        String platform = exchange.getProperty("coophubPlatform", String.class);
        String path = exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
        String where = platform + ":" + (path == null ? requestId + ".json" : path);
        if (ledger.markPublished(requestId, where)) {
            log.info("Published request {} on {}", requestId, where);
        }
    }

    /** Called by the error policy when a transfer fails; the broker then redelivers with back-off. */
    public void attemptFailed(Exchange exchange) {
        String requestId = exchange.getMessage().getHeader("coophubRequestId", String.class);
        if (requestId == null) {
            return;
        }
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = PersonalData.maskText(Failures.describe(failure));
        int attempts = ledger.recordPublishFailure(requestId, reason);
        log.warn("Publishing request {} on {} failed (attempt {}): {}; the broker will retry",
                requestId, exchange.getProperty("coophubPlatform"), attempts, reason);
    }
}
