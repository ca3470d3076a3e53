package org.coophub.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.camel.Exchange;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.PublishTicket;
import org.coophub.ledger.RecordedReply;
import org.coophub.replies.RepliesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands replies and requests from other regions to the local systems (routes/delivery.yaml): a file in the local
 * inbox (attachments in a folder beside it, written before the JSON that names them) and a message on a JMS topic.
 * Every step can run again after a crash without a second copy: files are replaced atomically under the same name,
 * the topic message carries a duplicate id the broker drops, and the ledger notes the delivery once.
 */
@Component("localDelivery")
public class LocalDelivery {

    /** Set on the exchange to tell the route whether there is anything (left) to deliver. */
    public static final String DELIVER = "coophubDeliver";
    private static final String DUPLICATE_ID = Message.HDR_DUPLICATE_DETECTION_ID.toString();

    private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);

    private final Ledger ledger;
    private final DeliveryProperties delivery;
    private final RepliesProperties replies;

    public LocalDelivery(Ledger ledger, DeliveryProperties delivery, RepliesProperties replies) {
        this.ledger = ledger;
        this.delivery = delivery;
        this.replies = replies;
    }

    public void reply(Exchange exchange) {
        String requestId = exchange.getMessage().getBody(String.class);
        Optional<RecordedReply> reply = ledger.reply(requestId);
        if (reply.isEmpty()) {
            exchange.setProperty(DELIVER, false);
            return;
        }
        String payload = ledger.replyPayload(requestId).orElseThrow();
        if (reply.get().deliveredAt() == null) {
            Path folder = delivery.repliesFolder();
            copyAttachments(replies.attachmentsOf(requestId), reply.get().attachments(), folder.resolve(requestId));
            writeAtomically(folder.resolve(requestId + ".json"), payload);
        } else {
            logTopicMessageOnly("the reply to request " + requestId);
        }
        prepareMessage(exchange, requestId, "reply-" + requestId, payload);
    }

    public void replyDelivered(Exchange exchange) {
        String requestId = exchange.getMessage().getHeader("coophubRequestId", String.class);
        if (ledger.markDelivered(requestId, true, delivery.repliesFolder() + " and topic " + delivery.repliesTopic())) {
            log.info("Delivered the reply to request {} to the local systems", requestId);
        }
    }

    public void request(Exchange exchange) {
        String requestId = exchange.getMessage().getBody(String.class);
        Optional<LedgerEntry> entry = ledger.find(requestId);
        if (entry.isEmpty()) {
            exchange.setProperty(DELIVER, false);
            return;
        }
        String payload = ledger.ticket(requestId).map(PublishTicket::payload).orElseThrow();
        if (entry.get().deliveredAt() == null) {
            writeAtomically(delivery.requestsFolder().resolve(requestId + ".json"), payload);
        } else {
            logTopicMessageOnly("request " + requestId);
        }
        prepareMessage(exchange, requestId, "request-" + requestId, payload);
    }

    public void requestDelivered(Exchange exchange) {
        String requestId = exchange.getMessage().getHeader("coophubRequestId", String.class);
        if (ledger.markDelivered(requestId, false, delivery.requestsFolder() + " and topic " + delivery.requestsTopic())) {
            log.info("Delivered request {} from {} to the local systems", requestId,
                    ledger.find(requestId).map(LedgerEntry::platform).orElse("?"));
        }
    }

    /**
     * The ledger notes a delivery before the queue's transaction commits, and that transaction holds the topic
     * message too. A message for something already delivered means the hub stopped between the two: the inbox file
     * was written (and the local system may have taken it since), so it is not written again; the topic message is
     * sent again, and the broker drops it by its duplicate id if it had gone out after all.
     */
    private static void logTopicMessageOnly(String what) {
        log.info("{} was delivered before its queue message was committed; sending its topic message again", what);
    }

    private static void prepareMessage(Exchange exchange, String requestId, String duplicateId, String payload) {
        exchange.setProperty(DELIVER, true);
        exchange.getMessage().setHeaders(new java.util.HashMap<>());
        exchange.getMessage().setHeader("coophubRequestId", requestId);
        exchange.getMessage().setHeader(DUPLICATE_ID, duplicateId);
        exchange.getMessage().setBody(payload);
    }

    private static void copyAttachments(Path from, List<String> names, Path to) {
        if (names.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(to);
            for (String name : names) {
                Path partial = to.resolve(name + ".part");
                Files.copy(from.resolve(name), partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, to.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deliver the attachments of " + from.getFileName() + " to " + to, e);
        }
    }

    static void writeAtomically(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
