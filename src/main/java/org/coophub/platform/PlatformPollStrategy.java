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
 * routes/replies.yaml and routes/inbound.yaml). Before a poll: the folder's {@code .done} and {@code .error} exist
 * ({@link ArchiveFolders}). After a poll that really listed the folder (a poll that cannot connect fails, since the
 * routes set {@code throwExceptionOnConnectFailed}): its time is recorded for the platform's health. Failures keep
 * Camel's default handling (logged, retried at the next poll).
 */
@Component("platformPollStrategy")
public class PlatformPollStrategy extends DefaultPollingConsumerPollStrategy {

    private final PlatformRoutes routes;
    private final ArchiveFolders archives;
    private final SuccessfulPolls polls;

    public PlatformPollStrategy(PlatformRoutes routes, ArchiveFolders archives, SuccessfulPolls polls) {
        this.routes = routes;
        this.archives = archives;
        this.polls = polls;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        routeId(consumer).flatMap(routes::polledFolder)
                .ifPresent(polled -> archives.ensure(polled.platform(), polled.folder()));
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        routeId(consumer).ifPresent(polls::record);
    }

    private static Optional<String> routeId(Consumer consumer) {
        return consumer instanceof RouteIdAware route ? Optional.ofNullable(route.getRouteId())
                : Optional.empty();
    }
}
