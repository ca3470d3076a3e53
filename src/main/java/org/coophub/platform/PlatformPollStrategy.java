package org.coophub.platform;

import java.util.Optional;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.coophub.operations.SuccessfulPolls;
import org.springframework.stereotype.Component;

/**
 * The poll strategy of the platform polling routes ({@code pollStrategy=#platformPollStrategy} in
 * routes/replies.yaml and routes/inbound.yaml). Before a poll: none for one interval after the route left a file in
 * place or got nowhere with the files it found ({@link PollPauses}); the folder's {@code .done} and {@code .error}
 * exist ({@link ArchiveFolders}). After a poll that really listed the folder (a poll that cannot connect fails, since
 * the routes set {@code throwExceptionOnConnectFailed}): its time is recorded for the platform's health, and whether
 * it got anywhere. Failures keep Camel's default handling (logged, retried at the next poll).
 */
@Component("platformPollStrategy")
public class PlatformPollStrategy extends DefaultPollingConsumerPollStrategy {

    private final PlatformRoutes routes;
    private final ArchiveFolders archives;
    private final SuccessfulPolls polls;
    private final PollPauses pauses;
    private final PlatformsProperties platforms;

    public PlatformPollStrategy(PlatformRoutes routes, ArchiveFolders archives, SuccessfulPolls polls,
            PollPauses pauses, PlatformsProperties platforms) {
        this.routes = routes;
        this.archives = archives;
        this.polls = polls;
        this.pauses = pauses;
        this.platforms = platforms;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        Optional<String> routeId = routeId(consumer);
        Optional<PlatformRoutes.PolledFolder> polled = routeId.flatMap(routes::polledFolder);
        if (polled.isEmpty()) {
            return true;
        }
        long interval = platforms.get(polled.get().platform()).pollInterval().toNanos();
        if (pauses.paused(routeId.get(), interval)) {
            return false;
        }
        archives.ensure(polled.get().platform(), polled.get().folder());
        pauses.pollStarting(routeId.get());
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        routeId(consumer).ifPresent(routeId -> {
            polls.record(routeId);
            pauses.pollEnded(routeId, polledMessages);
        });
    }

    private static Optional<String> routeId(Consumer consumer) {
        return consumer instanceof RouteIdAware route ? Optional.ofNullable(route.getRouteId())
                : Optional.empty();
    }
}
