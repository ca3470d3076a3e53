package org.coophub.replies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.coophub.intake.ArchiveNames;
import org.coophub.intake.Channel;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.Receipt;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.NewReply;
import org.coophub.ledger.ReplyAdmission;
import org.coophub.ledger.RequestState;
import org.coophub.privacy.PersonalData;
import org.coophub.publishing.PublishQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Our units' replies to requests from other regions, by REST or as a file in the replies outbox: checked, their
 * attachments verified against the declared SHA-256 and kept, then recorded and queued for the platform the request
 * came from, in one unit of work.
 */
@Component("localReplies")
public class LocalReplies {

    private static final Logger log = LoggerFactory.getLogger(LocalReplies.class);

    private final ReplyParser parser;
    private final Ledger ledger;
    private final PublishQueue queue;
    private final RepliesProperties properties;
    private final ArchiveNames archiveNames;
    private final TransactionTemplate transaction;
    private final RequestLocks locks;

    LocalReplies(ReplyParser parser, Ledger ledger, PublishQueue queue, RepliesProperties properties,
            ArchiveNames archiveNames, TransactionTemplate transaction, RequestLocks locks) {
        this.parser = parser;
        this.ledger = ledger;
        this.queue = queue;
        this.properties = properties;
        this.archiveNames = archiveNames;
        this.transaction = transaction;
        this.locks = locks;
    }

    /** Called by routes/replies.yaml for a reply file; its attachments lie beside it and move with it. */
    public void fromFile(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        byte[] json = exchange.getMessage().getBody(byte[].class);
        Reply reply = parser.parse(json);
        exchange.setProperty(PlatformReplies.ATTACHMENTS, reply.attachments());
        Receipt receipt = accept(reply, Channel.FILE, name);
        // one stamp for the reply file (archived by the route) and its attachments, so they can be told together
        String stamp = archiveNames.stamp();
        exchange.setProperty(ArchiveNames.PROPERTY, ArchiveNames.archived(name, stamp));
        archive(reply, receipt.duplicate(), stamp);
    }

    /**
     * @param requestId the request the caller means to answer (from the REST path); the reply must name the same
     */
    public Receipt accept(String requestId, byte[] json, Channel channel, String inputName) {
        Reply reply = parser.parse(json);
        if (!reply.requestId().equals(requestId)) {
            throw new InvalidRequestException(List.of(new FieldError("requestId", "path",
                    "the reply is for " + reply.requestId() + " but was sent to the address of " + requestId)));
        }
        Receipt receipt = accept(reply, channel, inputName);
        archive(reply, receipt.duplicate(), archiveNames.stamp());
        return receipt;
    }

    private Receipt accept(Reply reply, Channel channel, String inputName) {
        LedgerEntry request = ledger.find(reply.requestId()).orElseThrow(() -> new ReplyRefusedException(
                ReplyRefusedException.Reason.UNKNOWN_REQUEST, "no request " + reply.requestId() + " in the ledger"));
        if (request.direction() != Direction.INBOUND) {
            throw new ReplyRefusedException(ReplyRefusedException.Reason.WRONG_DIRECTION, "request "
                    + reply.requestId() + " is one we published; only requests from other regions are answered here");
        }
        NewReply entry = new NewReply(reply.requestId(), reply.replyingUnit(), reply.result().name(), reply.repliedAt(),
                ReplyJson.contentHash(reply), new String(ReplyJson.write(reply), StandardCharsets.UTF_8),
                reply.attachments().stream().map(Attachment::name).toList());
        ReplyAdmission admission;
        // A reply by REST and another as a file at once must not both find none recorded and write their attachments
        // into the same place before one of them is refused: the check, the store and the record happen as one.
        synchronized (locks.of(reply.requestId())) {
            if (ledger.replyHash(reply.requestId()).isEmpty()) {
                keepAttachments(reply);
            }
            admission = transaction.execute(status -> {
                ReplyAdmission result = ledger.recordReply(entry, Direction.INBOUND,
                        "our reply (" + reply.result() + ") via " + channel + " (" + inputName + ")");
                if (result.recorded()) {
                    queue.enqueueReply(reply.requestId(), result.platform());
                }
                return result;
            });
        }
        return switch (admission.outcome()) {
            case RECORDED -> {
                log.info("Accepted our reply to request {} via {}; queued for {}", reply.requestId(), channel,
                        admission.platform());
                yield new Receipt(reply.requestId(), RequestState.ANSWERED, false);
            }
            case DUPLICATE -> new Receipt(reply.requestId(), ledger.find(reply.requestId()).orElseThrow().state(), true);
            default -> throw new ReplyRefusedException(ReplyRefusedException.Reason.CONFLICT,
                    "request " + reply.requestId() + " already has a different reply");
        };
    }

    /** Verifies each attachment while copying it into the hub's store, streaming, so size does not matter. */
    private void keepAttachments(Reply reply) {
        Path store = properties.attachmentsOf(reply.requestId());
        try {
            for (Attachment attachment : reply.attachments()) {
                Path source = properties.outbox().resolve(attachment.name());
                AttachmentFiles.verify(source, attachment);
                Files.createDirectories(store);
                try (InputStream in = Files.newInputStream(source)) {
                    AttachmentFiles.receive(in, store.resolve(attachment.name()), attachment);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the attachments of the reply to " + reply.requestId(), e);
        }
    }

    /**
     * Never replaces an archived file: should two names ever meet, the attachment stays and a warning says so.
     * A recorded reply's attachments were checked as they were kept. A duplicate kept nothing, and units share the
     * outbox and reuse names: what bears the name now may be another reply's file, dropped since for that reply,
     * so it is archived only if it holds the bytes this reply declares.
     */
    private void archive(Reply reply, boolean duplicate, String stamp) {
        Path done = properties.outbox().resolve(".done");
        for (Attachment attachment : reply.attachments()) {
            String name = attachment.name();
            try {
                Files.createDirectories(done);
                Path file = properties.outbox().resolve(name);
                if (!Files.exists(file)) {
                    continue;
                }
                if (duplicate && !attachment.heldBy(file)) {
                    log.info("Left the attachment {} in the replies outbox: the reply to {} sent again declares other"
                            + " bytes, so the file belongs to another reply", PersonalData.maskText(name),
                            reply.requestId());
                    continue;
                }
                Files.move(file, done.resolve(ArchiveNames.archived(name, stamp)));
            } catch (IOException e) {
                log.warn("Could not archive the attachment {}: {}", PersonalData.maskText(name),
                        PersonalData.maskText(e.getMessage()));
            }
        }
    }
}
