package org.coophub.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.Unpublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Puts back on the queue any request, or our reply to a request from another region, that the ledger holds but the
 * broker may not: one whose enqueue was lost in a crash between the ledger commit and the broker commit. Artemis
 * ignores the copy when the original is still queued (duplicate detection on the requestId), so this never
 * publishes twice. Without it such a reply would stay ANSWERED for good: its alerts stopped when it was recorded.
 */
@Component
public class PublishRecovery {

    private static final Logger log = LoggerFactory.getLogger(PublishRecovery.class);

    private final Ledger ledger;
    private final PublishQueue queue;
    private final Clock clock;
    private final Duration grace;

    public PublishRecovery(Ledger ledger, PublishQueue queue, Clock clock, PublishingProperties properties) {
        this.ledger = ledger;
        this.queue = queue;
        this.clock = clock;
        this.grace = properties.recoveryGrace();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        requeue(OffsetDateTime.now(clock));
    }

    @Scheduled(fixedDelayString = "${coophub.publishing.recovery-interval:1m}",
            initialDelayString = "${coophub.publishing.recovery-interval:1m}")
    public void sweep() {
        requeue(OffsetDateTime.now(clock).minus(grace));
    }

    int requeue(OffsetDateTime before) {
        List<Unpublished> waiting = ledger.unpublished(before);
        long requeued = waiting.stream().filter(request -> queue.requeue(request.requestId(), request.platform())).count();
        List<Unpublished> answered = ledger.unpublishedReplies(before);
        long replies = answered.stream().filter(reply -> queue.requeueReply(reply.requestId(), reply.platform())).count();
        if (requeued + replies > 0) {
            log.info("Re-enqueued {} unpublished request(s) and {} unpublished reply(ies) that the broker did not hold",
                    requeued, replies);
        }
        return (int) (requeued + replies);
    }
}
