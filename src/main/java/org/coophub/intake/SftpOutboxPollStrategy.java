package org.coophub.intake;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.service.ServiceSupport;
import org.coophub.platform.Failures;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The poll strategy of the SFTP outbox routes ({@code pollStrategy=#sftpOutboxPollStrategy} in routes/intake.yaml).
 * A poll that fails (the server cannot be reached, refuses the login, shows a host key its known-hosts file does not
 * hold, has no such folder) is logged with what caused it and where to look: Camel's own line stops at "Cannot
 * connect to sftp://...", which leaves an administrator to guess between a network, a password and an impostor.
 */
@Component("sftpOutboxPollStrategy")
public class SftpOutboxPollStrategy extends DefaultPollingConsumerPollStrategy {

    private static final Logger log = LoggerFactory.getLogger(SftpOutboxPollStrategy.class);

    private final SftpOutboxesProperties outboxes;

    public SftpOutboxPollStrategy(SftpOutboxesProperties outboxes) {
        this.outboxes = outboxes;
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception failure)
            throws Exception {
        if (consumer instanceof ServiceSupport service && !service.isRunAllowed()) {
            return false; // stopping: not worth a warning
        }
        String name = consumer instanceof RouteIdAware route ? SftpOutboxRoutes.outboxOf(route.getRouteId()) : null;
        SftpOutboxProperties outbox = name == null ? null : outboxes.sftpOutboxes().get(name);
        if (outbox == null) {
            return super.rollback(consumer, endpoint, retryCounter, failure);
        }
        log.warn("Cannot poll the SFTP outbox {} ({}@{}:{}/{}, host keys from {}): {}; trying again at the next poll",
                name, outbox.username(), outbox.host(), outbox.port(), outbox.folder(),
                outbox.knownHosts().toAbsolutePath().normalize(),
                PersonalData.maskText(Failures.describe(failure)));
        return false;
    }
}
