package org.coophub.replies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.camel.Exchange;
import org.coophub.delivery.DeliveryQueue;
import org.coophub.intake.Quarantine;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.NewReply;
import org.coophub.ledger.ReplyAdmission;
import org.coophub.platform.PlatformFiles;
import org.coophub.platform.PlatformsProperties;
import org.coophub.platform.TakenFiles;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a reply file from a platform's replies folder (routes/replies.yaml, poll-replies-&lt;platform&gt;): matches it
 * to our request, fetches and checks its attachments, records it and queues it for the local system in one unit of
 * work. A reply that cannot be taken throws, and the error policy keeps it aside.
 */
@Component("platformReplies")
public class PlatformReplies {

    /** The platform a polled file came from; also tells the error policy to keep a refused file aside. */
    public static final String SOURCE = "coophubSource";
    /** The attachments a refused reply declares (name, size, SHA-256): the files holding them go aside with it. */
    public static final String ATTACHMENTS = Quarantine.ATTACHMENTS;

    private static final Logger log = LoggerFactory.getLogger(PlatformReplies.class);

    private final ReplyParser parser;
    private final Ledger ledger;
    private final DeliveryQueue delivery;
    private final PlatformsProperties platforms;
    private final RepliesProperties replies;
    private final TransactionTemplate transaction;
    private final RequestLocks locks;
    private final TakenFiles taken;

    PlatformReplies(ReplyParser parser, Ledger ledger, DeliveryQueue delivery, PlatformsProperties platforms,
            RepliesProperties replies, TransactionTemplate transaction, RequestLocks locks, TakenFiles taken) {
        this.parser = parser;
        this.ledger = ledger;
        this.delivery = delivery;
        this.platforms = platforms;
        this.replies = replies;
        this.transaction = transaction;
        this.locks = locks;
        this.taken = taken;
    }

    public void receive(Exchange exchange) {
        String platform = exchange.getProperty(SOURCE, String.class);
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Reply reply = parser.parse(exchange.getMessage().getBody(byte[].class));
        exchange.setProperty(ATTACHMENTS, reply.attachments());
        // Several routes poll a folder side by side: two reply files for one request (under different names) must
        // not both pass the check and fetch their attachments into the same place before one of them is refused.
        synchronized (locks.of(reply.requestId())) {
            take(platform, file, exchange.getProperty(TakenFiles.POLL_KEY, String.class), reply);
        }
    }

    private void take(String platform, String file, String pollKey, Reply reply) {
        String hash = ReplyJson.contentHash(reply);
        Ledger.ReplyTarget request = replyTarget(reply, hash);
        if (request.recordedReplyHash() != null) {
            if (request.replyDelivered()) {
                log.info("Reply {} from {} was taken before; not delivered again", PersonalData.maskText(file),
                        platform);
            } else {
                // recorded, but its delivery may never have been queued (the broker's commit failed after the
                // ledger's): queued again. Should the first one still be queued, the second (same group, so after
                // it: DeliveryQueue) finds it delivered and sends only the topic message again, which the broker
                // drops by its duplicate id (LocalDelivery).
                delivery.replyArrived(reply.requestId());
                log.info("Reply {} from {} was taken before and is not delivered yet; its delivery is queued again",
                        PersonalData.maskText(file), platform);
            }
            archiveOwnAttachments(platform, reply);
            return;
        }
        fetchAttachments(platform, reply);
        NewReply entry = new NewReply(reply.requestId(), reply.replyingUnit(), reply.result().name(), reply.repliedAt(),
                hash, new String(ReplyJson.write(reply), StandardCharsets.UTF_8),
                reply.attachments().stream().map(Attachment::name).toList());
        String reason = "reply " + reply.result() + " from " + reply.replyingUnit().name() + " via " + platform
                + " (" + file + ")";
        ReplyAdmission admission = transaction.execute(status -> {
            ReplyAdmission result = ledger.recordReply(entry, Direction.OUTBOUND, reason);
            if (result.recorded()) {
                delivery.replyArrived(reply.requestId());
                taken.rememberWith(pollKey);
            }
            return result;
        });
        refuseUnless(admission, reply.requestId());
        moveAttachments(platform, reply);
        log.info("Reply to request {} ({}) taken from {}", reply.requestId(), reply.result(), platform);
    }

    /** The same reply again is harmless; anything else about the request that rules the reply out is refused. */
    private Ledger.ReplyTarget replyTarget(Reply reply, String hash) {
        Ledger.ReplyTarget request = ledger.replyTarget(reply.requestId()).orElseThrow(() -> new ReplyRefusedException(
                ReplyRefusedException.Reason.UNKNOWN_REQUEST,
                "no request " + reply.requestId() + " in the ledger: this reply matches nothing we published"));
        if (request.direction() != Direction.OUTBOUND) {
            throw new ReplyRefusedException(ReplyRefusedException.Reason.WRONG_DIRECTION, "request "
                    + reply.requestId() + " was sent to us by another region; a platform cannot reply to it");
        }
        String earlier = request.recordedReplyHash();
        if (earlier != null && !earlier.equals(hash)) {
            throw new ReplyRefusedException(ReplyRefusedException.Reason.CONFLICT, "request " + reply.requestId()
                    + " already has a different reply; this second one is kept aside");
        }
        return request;
    }

    private static void refuseUnless(ReplyAdmission admission, String requestId) {
        switch (admission.outcome()) {
            case RECORDED, DUPLICATE -> { }
            case CONFLICT -> throw new ReplyRefusedException(ReplyRefusedException.Reason.CONFLICT,
                    "request " + requestId + " already has a different reply");
            case UNKNOWN_REQUEST -> throw new ReplyRefusedException(ReplyRefusedException.Reason.UNKNOWN_REQUEST,
                    "no request " + requestId + " in the ledger");
            case WRONG_DIRECTION -> throw new ReplyRefusedException(ReplyRefusedException.Reason.WRONG_DIRECTION,
                    "request " + requestId + " was sent to us by another region");
        }
    }

    private void fetchAttachments(String platform, Reply reply) {
        if (reply.attachments().isEmpty()) {
            return;
        }
        String folder = platforms.get(platform).folders().replies();
        try (PlatformFiles files = PlatformFiles.open(platforms.get(platform))) {
            Files.createDirectories(replies.attachmentsOf(reply.requestId()));
            for (Attachment attachment : reply.attachments()) {
                try {
                    files.read(folder + "/" + attachment.name(), in -> AttachmentFiles.receive(in,
                            replies.attachmentsOf(reply.requestId()).resolve(attachment.name()), attachment));
                } catch (PlatformFiles.NotOnPlatformException e) {
                    // the platform writes the attachments before the reply that names them: this one never came
                    throw new ReplyRefusedException(ReplyRefusedException.Reason.MISSING_ATTACHMENT, "attachment "
                            + PersonalData.maskText(attachment.name()) + " named by the reply to " + reply.requestId()
                            + " is not beside it on the platform");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch the attachments of the reply to " + reply.requestId()
                    + " from " + platform, e);
        }
    }

    /**
     * The attachments of a reply taken before go into .done only where they still hold the bytes it declares: platforms
     * reuse names, and the file bearing one now may be the next reply's, written before that reply's JSON. That one
     * stays for its reply.
     */
    private void archiveOwnAttachments(String platform, Reply reply) {
        moveOwnAttachments(platform, reply.attachments(), ".done",
                "the reply to " + reply.requestId() + " taken before");
    }

    /**
     * The attachments of a refused reply go into .error with it only where they hold the bytes it declares, for the
     * same reason: a file of that name that holds other bytes may be the next reply's, and stays for it. A reply that
     * could not be read declares nothing (its attachments are null): no file can be told to be its own, so all stay.
     *
     * @param refused where the refused reply was (platform:folder/file, masked), for the log
     */
    public void keepAsideOwnAttachments(String platform, List<Attachment> attachments, String refused) {
        moveOwnAttachments(platform, attachments == null ? List.of() : attachments, ".error",
                "the refused reply " + refused);
    }

    /** Each file is read whole to tell whose it is: the rare paths only, never a reply taken for the first time. */
    private void moveOwnAttachments(String platform, List<Attachment> attachments, String into, String reply) {
        if (attachments.isEmpty()) {
            return;
        }
        String folder = platforms.get(platform).folders().replies();
        try (PlatformFiles files = PlatformFiles.open(platforms.get(platform))) {
            for (Attachment attachment : attachments) {
                boolean[] own = new boolean[1];
                try {
                    files.read(folder + "/" + attachment.name(),
                            in -> own[0] = AttachmentFiles.matches(in, attachment));
                } catch (PlatformFiles.NotOnPlatformException gone) {
                    continue;
                }
                if (own[0]) {
                    files.moveInto(folder, attachment.name(), into);
                } else {
                    log.info("Left the attachment {} in {} on {}: it does not hold the bytes {} declares, so it may be"
                            + " another reply's", PersonalData.maskText(attachment.name()), folder, platform,
                            PersonalData.maskText(reply));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not move the attachments of {} on {} into {}: {}", PersonalData.maskText(reply), platform,
                    into, PersonalData.maskText(e.getMessage()));
        }
    }

    /** Moves the attachments of a reply just taken, checked as they were fetched, into .done beside it. */
    private void moveAttachments(String platform, Reply reply) {
        List<String> names = reply.attachments().stream().map(Attachment::name).toList();
        if (names.isEmpty()) {
            return;
        }
        String folder = platforms.get(platform).folders().replies();
        try (PlatformFiles files = PlatformFiles.open(platforms.get(platform))) {
            for (String name : names) {
                files.moveInto(folder, name, ".done");
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not move the attachments {} of a reply on {} into .done: {}",
                    PersonalData.maskText(String.valueOf(names)), platform, PersonalData.maskText(e.getMessage()));
        }
    }
}
