package org.coophub.intake;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.stereotype.Component;

/**
 * The poll strategy of the SFTP outbox routes ({@code pollStrategy=#sftpOutboxPollStrategy} in routes/intake.yaml).
 * A poll that fails (the server cannot be reached, refuses the login, shows a host key its known-hosts file does not
 * hold, has no such folder) fails with the outbox's name, account and known-hosts file in front of its causes, which
 * {@code #pollFailureLog} logs on one line: Camel's own message stops at "Cannot connect to sftp://...", which
 * leaves an administrator to guess between a network, a password and an impostor.
 */
@Component("sftpOutboxPollStrategy")
public class SftpOutboxPollStrategy extends DefaultPollingConsumerPollStrategy {

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
        throw new OutboxUnreachableException("Cannot poll the SFTP outbox %s (%s@%s:%d/%s, host keys from %s)"
                .formatted(name, outbox.username(), outbox.host(), outbox.port(), outbox.folder(),
                        outbox.knownHosts().toAbsolutePath().normalize()), failure);
    }

    /** A poll of an SFTP outbox that failed, saying which outbox; its cause says why. */
    static final class OutboxUnreachableException extends RuntimeException {
        OutboxUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
