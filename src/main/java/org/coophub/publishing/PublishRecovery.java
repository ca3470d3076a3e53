package org.coophub.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.Unpublished;
import org.coophub.platform.PlatformsProperties;
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

    private final PlatformsProperties platforms;

    public PublishRecovery(Ledger ledger, PublishQueue queue, Clock clock, PublishingProperties properties,
            PlatformsProperties platforms) {
        this.platforms = platforms;
        this.ledger = ledger;
        this.queue = queue;
        this.clock = clock;
        this.grace = properties.recoveryGrace();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Unpublished> requests = ledger.unpublished(now);
        List<Unpublished> replies = ledger.unpublishedReplies(now);
        warnAboutPlatformsGone(requests, replies);
        requeue(requests, replies);
    }

    /**
     * A platform taken out of the configuration (or renamed) while requests or our replies still wait for it has no
     * route to take them: they wait, nothing is lost, and this says so at every start until it is put back.
     */
    private void warnAboutPlatformsGone(List<Unpublished> requests, List<Unpublished> replies) {
        Map<String, Long> waiting = Stream.concat(requests.stream(), replies.stream())
                .filter(item -> !platforms.platforms().containsKey(item.platform()))
                .collect(Collectors.groupingBy(Unpublished::platform, TreeMap::new, Collectors.counting()));
        waiting.forEach((platform, count) -> log.warn("{} request(s) or reply(ies) wait to be published on platform {},"
                + " which coophub.platforms no longer configures; they wait until it is configured again", count,
                platform));
    }

    @Scheduled(fixedDelayString = "${coophub.publishing.recovery-interval:1m}",
            initialDelayString = "${coophub.publishing.recovery-interval:1m}")
    public void sweep() {
        requeue(OffsetDateTime.now(clock).minus(grace));
    }

    int requeue(OffsetDateTime before) {
        return requeue(ledger.unpublished(before), ledger.unpublishedReplies(before));
    }

    private int requeue(List<Unpublished> requests, List<Unpublished> replies) {
        long requeued = requests.stream().filter(request -> queue.requeue(request.requestId(), request.platform()))
                .count();
        long repliesRequeued = replies.stream().filter(reply -> queue.requeueReply(reply.requestId(), reply.platform()))
                .count();
        if (requeued + repliesRequeued > 0) {
            log.info("Re-enqueued {} unpublished request(s) and {} unpublished reply(ies) that the broker did not hold",
                    requeued, repliesRequeued);
        }
        return (int) (requeued + repliesRequeued);
    }
}
