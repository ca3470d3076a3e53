package org.coophub.replies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.coophub.platform.Failures;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        String reason = PersonalData.maskText(Failures.describe(
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
        ledger.recordReplyPublishFailure(requestId, reason);
        log.warn("Publishing our reply to {} on {} failed: {}; the broker will retry", requestId,
                exchange.getProperty("coophubPlatform"), reason);
    }

    /**
     * A file changed in the store since it was taken (by hand, a disk fault, another hub writing the same folder)
     * must not go out under a reply that declares other bytes. Every stored attachment is checked against the size
     * and SHA-256 its reply declares before the first one is uploaded, so that a reply with one bad file leaves
     * none of its others on the platform, holding their names there while it waits, and sends nothing at each
     * retry; each is checked again as it is uploaded, for a change in between. A mismatch fails the attempt with its
     * reason in the ledger, and the broker tries again with back-off, so a file put right is published.
     */
    private void uploadAttachments(LedgerEntry entry) {
        if (entry.reply().attachments().isEmpty()) {
            return;
        }
        Path store = replies.attachmentsOf(entry.requestId());
        List<Attachment> declared = ReplyJson.read(ledger.replyPayload(entry.requestId()).orElseThrow()
                .getBytes(StandardCharsets.UTF_8)).attachments();
        try {
            for (Attachment attachment : declared) {
                AttachmentFiles.verify(store.resolve(attachment.name()), attachment);
            }
            PlatformProperties platform = platforms.get(entry.platform());
            String folder = platform.folders().ourReplies();
            try (PlatformFiles files = PlatformFiles.open(platform)) {
                Set<String> claimedByOthers = null;
                for (Attachment attachment : declared) {
                    if (isThere(files, folder, attachment)) {
                        if (claimedByOthers == null) {
                            claimedByOthers = namesClaimedByOtherReplies(files, folder, entry.requestId());
                        }
                        if (claimedByOthers.contains(attachment.name())) {
                            throw nameTaken(attachment, entry.requestId());
                        }
                        continue; // ours, from an earlier attempt
                    }
                    try (InputStream in = Files.newInputStream(store.resolve(attachment.name()))) {
                        files.write(folder + "/" + attachment.name(), in, attachment.size(), attachment.sha256());
                    } catch (PlatformFiles.ContentMismatchException changedWhileSent) {
                        // a longer file was read only one byte past the declared size: its hash says nothing
                        boolean longer = changedWhileSent.size() > attachment.size();
                        throw AttachmentMismatchException.differing(attachment, changedWhileSent.size(),
                                longer ? null : changedWhileSent.sha256(), longer);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload the attachments of our reply to " + entry.requestId(), e);
        }
    }

    /**
     * Whether the platform holds these very bytes under the attachment's name. Attachments lie beside their reply,
     * so two replies naming a file alike share one name on the platform. A file of that name with other bytes, or
     * with the same bytes but named by another reply still there, is that other reply's: it leaves with that reply
     * when the platform collects it, and overwriting it would hand that reply this case's file. The reply waits
     * instead, retried with the broker's back-off, until the platform has taken the other.
     *
     * @throws IllegalStateException if a file of that name with other bytes is there
     */
    private static boolean isThere(PlatformFiles files, String folder, Attachment attachment) throws IOException {
        boolean[] same = new boolean[1];
        try {
            files.read(folder + "/" + attachment.name(), in -> same[0] = AttachmentFiles.matches(in, attachment));
        } catch (PlatformFiles.NotOnPlatformException free) {
            return false;
        }
        if (!same[0]) {
            throw nameTaken(attachment, null);
        }
        return true;
    }

    private static IllegalStateException nameTaken(Attachment attachment, String requestId) {
        return new IllegalStateException("the attachment name " + PersonalData.maskText(attachment.name())
                + (requestId == null ? "" : " of our reply to " + requestId) + " is taken on the platform by another"
                + " reply's file, not yet collected; waiting for the platform to take it");
    }

    /** The attachment names the other replies in the folder give; a reply that cannot be read there claims none. */
    private static Set<String> namesClaimedByOtherReplies(PlatformFiles files, String folder, String requestId)
            throws IOException {
        Set<String> claimed = new HashSet<>();
        for (String reply : files.list(folder, ".json")) {
            if (reply.equals(requestId + ".json")) {
                continue;
            }
            try {
                files.read(folder + "/" + reply, in -> {
                    for (JsonNode attachment : JSON.readTree(in).path("attachments")) {
                        claimed.add(attachment.path("name").asText());
                    }
                });
            } catch (PlatformFiles.NotOnPlatformException collectedMeanwhile) {
                // gone with its files
            } catch (JsonProcessingException unreadable) {
                log.warn("Our replies on the platform include {}, which is not JSON; it is not taken as naming files",
                        PersonalData.maskText(reply));
            }
        }
        return claimed;
    }
}
