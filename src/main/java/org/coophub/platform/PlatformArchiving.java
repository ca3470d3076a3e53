package org.coophub.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.strategy.GenericFileExpressionRenamer;
import org.apache.camel.component.file.strategy.GenericFileRenameProcessStrategy;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a file a platform poll has taken to its {@code move} folder ({@code .done}), or refused to its
 * {@code moveFailed} folder ({@code .error}), with one SFTP rename. Camel's own move first deletes any file of the
 * same name there and then checks the folder exists by changing into it and back: five more round trips per file
 * to a platform that may be far away, and on the benchmark's two cores a third of the SFTP server's work per reply.
 * Here they are not needed: the folders are made sure of before every poll ({@link ArchiveFolders}), and a rename
 * onto an older file of the same name replaces it where the server offers posix-rename, as OpenSSH and MINA SSHD
 * do. Should the single rename fail all the same, Camel's full move runs; it also makes a folder that is missing
 * (on a local system's SFTP outbox, whose one route needs no {@link ArchiveFolders}, the first move into it).
 *
 * <p>Only a file the error policy kept aside (it is bad: {@link #KEPT_ASIDE}) moves to {@code .error}, whether the
 * policy left its exchange failed (a platform's file) or handled it (a local system's file from its SFTP outbox,
 * quarantined in the hub like a file from the local outbox). A file that failed for any other reason (the ledger or
 * the broker unavailable, a dropped connection) says nothing about itself: it stays where it is and is taken again
 * after a poll interval ({@link PollPauses}). Camel would move it to {@code .error} too, where nobody takes it again.
 *
 * <p>Every way out closes the file's stream first, where the route read it straight from the server
 * ({@code streamDownload}, the platform polls and a local system's SFTP outbox): a file is never moved while it
 * is open.
 *
 * <p>Set on an endpoint as {@code processStrategy=#class:org.coophub.platform.PlatformArchiving}, which gives each
 * endpoint its own instance; it takes the folders from that endpoint's {@code move} and {@code moveFailed}.
 */
public class PlatformArchiving<T> extends GenericFileRenameProcessStrategy<T> {

    /** Exchange property set by the error policy on a file it keeps aside (routes/error-policy.yaml). */
    public static final String KEPT_ASIDE = "coophubKeptAside";

    private static final Logger log = LoggerFactory.getLogger(PlatformArchiving.class);

    private boolean configured;
    private Optional<PollPauses> pauses;

    @Override
    public void prepareOnStartup(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint)
            throws Exception {
        useFoldersOf(endpoint);
        super.prepareOnStartup(operations, endpoint);
    }

    @Override
    public void commit(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint, Exchange exchange,
            GenericFile<T> file) throws Exception {
        useFoldersOf(endpoint);
        if (exchange.getProperty(KEPT_ASIDE, false, Boolean.class)) {
            // set aside and handled (a local system's refused file, quarantined): it moves where refused files go
            super.rollback(operations, endpoint, exchange, file);
        } else {
            super.commit(operations, endpoint, exchange, file);
        }
        pauses(endpoint).ifPresent(held -> held.fileDone(exchange.getFromRouteId()));
    }

    @Override
    public void rollback(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint, Exchange exchange,
            GenericFile<T> file) throws Exception {
        useFoldersOf(endpoint);
        if (exchange.getProperty(KEPT_ASIDE, false, Boolean.class)) {
            super.rollback(operations, endpoint, exchange, file);
            pauses(endpoint).ifPresent(held -> held.fileDone(exchange.getFromRouteId()));
            return;
        }
        try {
            operations.releaseRetrievedFileResources(exchange);
        } finally {
            deleteLocalWorkFile(exchange);
        }
        Exception failure = exchange.getException();
        log.warn("Left {} in place, to be taken again after a poll interval: {}",
                PersonalData.maskText(file.getAbsoluteFilePath()),
                failure == null ? "unknown failure" : PersonalData.maskText(String.valueOf(failure.getMessage())));
        pauses(endpoint).ifPresent(held -> held.fileLeftInPlace(exchange.getFromRouteId()));
    }

    /** The hub's {@link PollPauses}; absent where a route runs without the hub (then polls are never held back). */
    private Optional<PollPauses> pauses(GenericFileEndpoint<T> endpoint) {
        if (pauses == null) {
            pauses = Optional.ofNullable(endpoint.getCamelContext().getRegistry().findSingleByType(PollPauses.class));
            if (pauses.isEmpty()) {
                log.warn("No PollPauses in the registry: files of {} that cannot be taken now are tried again at the"
                        + " next poll, however soon", SftpConnection.redact(endpoint.getEndpointUri()));
            }
        }
        return pauses;
    }

    @Override
    protected GenericFile<T> renameFile(GenericFileOperations<T> operations, GenericFile<T> from, GenericFile<T> to) {
        try {
            if (operations.renameFile(from.getAbsoluteFilePath(), to.getAbsoluteFilePath())) {
                return to;
            }
        } catch (GenericFileOperationFailedException e) {
            // the rename may have been done and only its answer lost (a dropped connection): then the long way, which
            // starts by deleting the target, would delete the very file just moved
            if (!operations.existsFile(from.getAbsoluteFilePath())) {
                if (operations.existsFile(to.getAbsoluteFilePath())) {
                    return to;
                }
                throw e;
            }
            log.debug("Moving {} to {} in one rename failed ({}); moving it the long way",
                    PersonalData.maskText(from.getAbsoluteFilePath()), PersonalData.maskText(to.getAbsoluteFilePath()),
                    PersonalData.maskText(String.valueOf(e.getMessage())));
        }
        return super.renameFile(operations, from, to);
    }

    /** Takes the endpoint's folders, once; refuses the endpoint options this strategy would silently ignore. */
    private synchronized void useFoldersOf(GenericFileEndpoint<T> endpoint) {
        if (configured) {
            return;
        }
        List<String> ignored = new ArrayList<>();
        if (endpoint.isDelete()) {
            ignored.add("delete");
        }
        if (endpoint.isNoop()) {
            ignored.add("noop");
        }
        if (endpoint.getPreMove() != null) {
            ignored.add("preMove");
        }
        if (endpoint.getReadLock() != null && !"none".equals(endpoint.getReadLock())) {
            ignored.add("readLock");
        }
        if (endpoint.getExclusiveReadLockStrategy() != null) {
            ignored.add("exclusiveReadLockStrategy");
        }
        if (!ignored.isEmpty()) {
            throw new IllegalArgumentException("processStrategy PlatformArchiving only moves files (move, moveFailed)"
                    + " and cannot honour " + ignored + " on " + SftpConnection.redact(endpoint.getEndpointUri()));
        }
        if (endpoint.getMove() != null) {
            setCommitRenamer(new GenericFileExpressionRenamer<>(endpoint.getMove()));
        }
        if (endpoint.getMoveFailed() != null) {
            setFailureRenamer(new GenericFileExpressionRenamer<>(endpoint.getMoveFailed()));
        }
        configured = true;
    }
}
