package org.coophub.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.coophub.ledger.Admission;
import org.coophub.ledger.NewRequest;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the requests that arrive at the same moment in one unit of work (a group commit): one database and one
 * broker transaction for all of them instead of one each, which is most of what storing a request costs. Whoever
 * holds the lock stores everything waiting by then; a caller whose request is still waiting when the lock comes
 * free takes it and does the same. A lone request is stored at once by its own thread, so nothing waits for a group
 * to fill. If a group's transaction fails, each of its requests is stored again on its own, so a request that cannot
 * be stored gets its own error and does not take the others down with it. (Should the broker's commit fail after the
 * database's, the group's requests are in the ledger without their messages: stored again on their own they are
 * answered as duplicates, and the publish recovery sweep queues them, as after a crash between the two commits.)
 */
final class GroupAdmission {

    /** Stores one request inside the transaction it is given (the group's, or its own). */
    interface Admitter {
        Admission admit(NewRequest entry, String reason);
    }

    /** Enough to share the commits among all the callers a busy hub has at once, small enough to keep a group short. */
    static final int MAX_GROUP = 64;

    private record Waiting(NewRequest entry, String reason, CompletableFuture<Admission> stored) {
    }

    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock storing = new ReentrantLock();
    private final TransactionTemplate transaction;
    private final Admitter admitter;

    GroupAdmission(TransactionTemplate transaction, Admitter admitter) {
        this.transaction = transaction;
        this.admitter = admitter;
    }

    /** Returns once the request is stored (committed), or throws what storing it on its own threw. */
    Admission admit(NewRequest entry, String reason) {
        if (!TransactionSynchronizationManager.getResourceMap().isEmpty()) {
            // The caller is inside a transaction of its own (a transacted JMS listener, whose session the broker
            // send joins): its request is stored alone, so that no other caller's messages ride on a transaction
            // this class does not commit.
            return transaction.execute(status -> admitter.admit(entry, reason));
        }
        Waiting mine = new Waiting(entry, reason, new CompletableFuture<>());
        waiting.add(mine);
        storing.lock();
        try {
            while (!mine.stored().isDone()) {
                storeGroup();
            }
        } finally {
            storing.unlock();
        }
        try {
            return mine.stored().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stores what is waiting; every request taken from the queue here has its answer when this returns. */
    private void storeGroup() {
        List<Waiting> group = new ArrayList<>();
        for (Waiting next = waiting.poll(); next != null; next = group.size() < MAX_GROUP ? waiting.poll() : null) {
            group.add(next);
        }
        try {
            if (group.size() == 1) {
                storeAlone(group.get(0));
            } else if (group.size() > 1) {
                storeTogether(group);
            }
        } finally {
            IllegalStateException unanswered = new IllegalStateException("the request was not stored");
            group.forEach(w -> w.stored().completeExceptionally(unanswered));
        }
    }

    private void storeTogether(List<Waiting> group) {
        List<Admission> admissions;
        try {
            admissions = transaction.execute(status -> group.stream()
                    .map(w -> admitter.admit(w.entry(), w.reason())).toList());
        } catch (RuntimeException | Error groupFailed) {
            group.forEach(this::storeAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).stored().complete(admissions.get(i));
        }
    }

    private void storeAlone(Waiting request) {
        try {
            request.stored().complete(transaction.execute(status -> admitter.admit(request.entry(), request.reason())));
        } catch (RuntimeException | Error e) {
            request.stored().completeExceptionally(e);
        }
    }
}
