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
 * Puts back on the queue any request the ledger holds but the broker may not: one whose enqueue was lost in a
 * crash between the ledger commit and the broker commit. Artemis ignores the copy when the original is still
 * queued (duplicate detection on the requestId), so this never publishes twice.
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

    int requeue(OffsetDateTime acceptedBefore) {
        List<Unpublished> waiting = ledger.unpublished(acceptedBefore);
        long requeued = waiting.stream().filter(request -> queue.requeue(request.requestId(), request.platform())).count();
        if (requeued > 0) {
            log.info("Re-enqueued {} unpublished request(s) that the broker did not hold", requeued);
        }
        return (int) requeued;
    }
}
