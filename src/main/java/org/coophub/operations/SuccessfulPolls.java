package org.coophub.operations;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.springframework.stereotype.Component;

/**
 * The poll strategy of the platform polling routes ({@code pollStrategy=#successfulPolls} in routes/replies.yaml and
 * routes/inbound.yaml): remembers, by route id, when each last polled its folder without error. A poll that could not
 * connect fails (the routes set {@code throwExceptionOnConnectFailed}), so only a poll that really listed the folder
 * counts. Failures keep Camel's default handling (logged, retried at the next poll). Times are wall-clock, not the
 * hub's {@code Clock} bean: that one is business time, which tests move to reach deadlines.
 */
@Component
public class SuccessfulPolls extends DefaultPollingConsumerPollStrategy {

    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (consumer instanceof RouteIdAware route && route.getRouteId() != null) {
            lastSuccess.put(route.getRouteId(), Instant.now());
        }
    }

    /** When the route last polled successfully in this run of the hub; empty if it has not yet. */
    public Optional<Instant> last(String routeId) {
        return Optional.ofNullable(lastSuccess.get(routeId));
    }
}
