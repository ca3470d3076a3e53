package org.coophub.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Polling routes that must wait a poll interval before they poll again: one of their files failed for a reason that
 * says nothing about the file (the ledger or the broker unavailable, a dropped connection), so it was left in place
 * ({@link PlatformArchiving}). Without the pause a greedy poll would take it again at once, and again, for as long
 * as the cause lasts. {@link PlatformPollStrategy} holds the route's polls back.
 */
@Component
public class PollPauses {

    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();

    /** A file of this route was left in place just now. */
    public void fileLeftInPlace(String routeId) {
        failedAt.put(routeId, System.nanoTime());
    }

    /** True while less than {@code intervalNanos} have passed since the route last left a file in place. */
    public boolean paused(String routeId, long intervalNanos) {
        Long at = failedAt.get(routeId);
        if (at == null) {
            return false;
        }
        if (System.nanoTime() - at < intervalNanos) {
            return true;
        }
        failedAt.remove(routeId, at);
        return false;
    }
}
