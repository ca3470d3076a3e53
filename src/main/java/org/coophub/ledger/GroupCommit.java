package org.coophub.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores what callers hand in at the same moment in one transaction (a group commit) instead of one each: a commit
 * is most of what storing a small thing costs, since the ledger writes it to disk before the caller goes on. Whoever
 * holds the lock stores everything waiting by then; a caller whose item is still waiting when the lock comes free
 * takes it and does the same. A lone item is stored at once by its own thread, so nothing waits for a group to fill.
 * If a group's transaction fails, each of its items is stored again on its own, so an item that cannot be stored
 * gets its own error and does not take the others down with it; unless the transaction could not even begin (the
 * database is away): then every item of the group gets that error at once, rather than each waiting for the
 * connection again while the callers behind the lock pile up.
 *
 * @param <T> what is stored
 * @param <R> what storing one tells its caller
 */
public final class GroupCommit<T, R> {

    /** Stores one item inside the transaction it is given (the group's, or its own). */
    @FunctionalInterface
    public interface Store<T, R> {
        R store(T item);
    }

    /** Enough to share the commits among all the callers a busy hub has at once, small enough to keep a group short. */
    public static final int MAX_GROUP = 64;

    private record Waiting<T, R>(T item, CompletableFuture<R> stored) {
    }

    private final ConcurrentLinkedQueue<Waiting<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock storing = new ReentrantLock();
    private final TransactionTemplate transaction;
    private final Store<T, R> store;

    public GroupCommit(TransactionTemplate transaction, Store<T, R> store) {
        this.transaction = transaction;
        this.store = store;
    }

    /** Returns once the item is stored (committed), or throws what storing it on its own threw. */
    public R submit(T item) {
        Waiting<T, R> mine = new Waiting<>(item, new CompletableFuture<>());
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

    /** Stores one item in a transaction of its own, not waiting for the lock. */
    public R storeAlone(T item) {
        return transaction.execute(status -> store.store(item));
    }

    /** Stores what is waiting; every item taken from the queue here has its answer when this returns. */
    private void storeGroup() {
        List<Waiting<T, R>> group = new ArrayList<>();
        for (Waiting<T, R> next = waiting.poll(); next != null; next = group.size() < MAX_GROUP ? waiting.poll() : null) {
            group.add(next);
        }
        try {
            if (group.size() == 1) {
                storeAlone(group.get(0));
            } else if (group.size() > 1) {
                storeTogether(group);
            }
        } finally {
            IllegalStateException unanswered = new IllegalStateException("it was not stored");
            group.forEach(w -> w.stored().completeExceptionally(unanswered));
        }
    }

    private void storeTogether(List<Waiting<T, R>> group) {
        List<R> results;
        try {
            results = transaction.execute(status -> group.stream().map(w -> store.store(w.item())).toList());
        } catch (CannotCreateTransactionException databaseAway) {
            group.forEach(w -> w.stored().completeExceptionally(databaseAway));
            return;
        } catch (RuntimeException | Error groupFailed) {
            group.forEach(this::storeAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).stored().complete(results.get(i));
        }
    }

    private void storeAlone(Waiting<T, R> waiting) {
        try {
            waiting.stored().complete(storeAlone(waiting.item()));
        } catch (RuntimeException | Error e) {
            waiting.stored().completeExceptionally(e);
        }
    }
}
