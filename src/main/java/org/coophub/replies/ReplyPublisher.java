package org.coophub.replies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.camel.Exchange;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RequestState;
import org.coophub.platform.PlatformFiles;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformsProperties;
import org.coophub.privacy.PersonalData;
import org.coophub.publishing.PlatformPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The decisions of the publish-reply routes (routes/replies.yaml): our reply goes to the platform the request came
 * from, attachments first (each under a temporary name, then renamed), the JSON that names them last.
 */
@Component("replyPublisher")
public class ReplyPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReplyPublisher.class);

    private final Ledger ledger;
    private final PlatformsProperties platforms;
    private final RepliesProperties replies;

    public ReplyPublisher(Ledger ledger, PlatformsProperties platforms, RepliesProperties replies) {
        this.ledger = ledger;
        this.platforms = platforms;
        this.replies = replies;
    }

    public void prepare(Exchange exchange) {
        String requestId = exchange.getMessage().getBody(String.class);
        LedgerEntry entry = ledger.find(requestId).orElse(null);
        if (entry == null || entry.state() != RequestState.ANSWERED) {
            log.info("Our reply to {} needs no publishing ({}); ignoring the message", requestId,
                    entry == null ? "unknown request" : entry.state());
            exchange.setProperty(PlatformPublisher.PUBLISH, false);
            return;
        }
        exchange.getMessage().setHeader("coophubRequestId", requestId);
        uploadAttachments(entry);
        exchange.setProperty(PlatformPublisher.PUBLISH, true);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, requestId + ".json");
        exchange.getMessage().setBody(ledger.replyPayload(requestId).orElseThrow().getBytes(StandardCharsets.UTF_8));
    }

    public void published(Exchange exchange) {
        String requestId = exchange.getMessage().getHeader("coophubRequestId", String.class);
        String path = exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
        String where = exchange.getProperty("coophubPlatform", String.class) + ":" + path;
        if (ledger.markReplyPublished(requestId, where)) {
            log.info("Published our reply to request {} as {}; request closed", requestId, where);
        }
    }

    public void attemptFailed(Exchange exchange) {
        String requestId = exchange.getMessage().getHeader("coophubRequestId", String.class);
        if (requestId == null) {
            return;
        }
        String reason = PersonalData.maskText(PlatformPublisher.rootMessage(
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
        ledger.recordReplyPublishFailure(requestId, reason);
        log.warn("Publishing our reply to {} on {} failed: {}; the broker will retry", requestId,
                exchange.getProperty("coophubPlatform"), reason);
    }

    private void uploadAttachments(LedgerEntry entry) {
        var reply = entry.reply();
        if (reply.attachments().isEmpty()) {
            return;
        }
        PlatformProperties platform = platforms.get(entry.platform());
        try (PlatformFiles files = PlatformFiles.open(platform)) {
            for (String name : reply.attachments()) {
                try (InputStream in = Files.newInputStream(replies.attachmentsOf(entry.requestId()).resolve(name))) {
                    files.write(platform.folders().ourReplies() + "/" + name, in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload the attachments of our reply to " + entry.requestId(), e);
        }
    }
}
