package org.coophub.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Polling routes that must wait a poll interval before they poll again. The routes poll again at once after a poll
 * that found files (greedy); that must not become a tight loop over files that cannot be taken for now:
 * <ul>
 * <li>a route left one of its files in place, having failed for a reason that says nothing about the file (the
 * ledger or the broker unavailable, a dropped connection; {@link PlatformArchiving});</li>
 * <li>a poll found files but took or kept aside none of them (one could not even be fetched).</li>
 * </ul>
 * {@link PlatformPollStrategy} holds such a route's polls back for one interval.
 */
@Component
public class PollPauses {

    private final Map<String, Long> pausedAt = new ConcurrentHashMap<>();
    private final Set<String> progressed = ConcurrentHashMap.newKeySet();
    private final MeterRegistry meters;

    public PollPauses(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * A file of this route was left in place just now; counted in {@code coophub_platform_files_left_total{route}},
     * so that a file that keeps failing shows on the dashboards, not only in the log.
     */
    public void fileLeftInPlace(String routeId) {
        pausedAt.put(routeId, System.nanoTime());
        Counter.builder("coophub.platform.files.left")
                .description("Platform files left in place after a failure that says nothing about them, to be taken"
                        + " again a poll interval later")
                .tag("route", routeId)
                .register(meters)
                .increment();
    }

    /** A file of this route was taken, or kept aside: the route is getting through its folder. */
    public void fileDone(String routeId) {
        progressed.add(routeId);
    }

    void pollStarting(String routeId) {
        progressed.remove(routeId);
    }

    void pollEnded(String routeId, int polledFiles) {
        if (polledFiles > 0 && !progressed.contains(routeId)) {
            pausedAt.put(routeId, System.nanoTime());
        }
    }

    /** True while less than {@code intervalNanos} have passed since the route was paused. */
    public boolean paused(String routeId, long intervalNanos) {
        Long at = pausedAt.get(routeId);
        if (at == null) {
            return false;
        }
        if (System.nanoTime() - at < intervalNanos) {
            return true;
        }
        pausedAt.remove(routeId, at);
        return false;
    }
}
