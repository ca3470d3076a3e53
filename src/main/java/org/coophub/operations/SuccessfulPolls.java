package org.coophub.operations;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * When each platform polling route last polled its folder without error, by route id (recorded by
 * {@code PlatformPollStrategy}), for the platforms' health. Times are wall-clock, not the hub's {@code Clock}
 * bean: that one is business time, which tests move to reach deadlines.
 */
@Component
public class SuccessfulPolls {

    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    public void record(String routeId) {
        lastSuccess.put(routeId, Instant.now());
    }

    /** When the route last polled successfully in this run of the hub; empty if it has not yet. */
    public Optional<Instant> last(String routeId) {
        return Optional.ofNullable(lastSuccess.get(routeId));
    }
}
