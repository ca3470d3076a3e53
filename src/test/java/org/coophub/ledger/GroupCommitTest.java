package org.coophub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class GroupCommitTest {

    /** A database that is away: no transaction begins, after a wait for the connection (the first one held here). */
    static final class Away extends AbstractPlatformTransactionManager {
        final AtomicInteger begins = new AtomicInteger();
        final CountDownLatch firstBegun = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            if (begins.incrementAndGet() == 1) {
                firstBegun.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new CannotCreateTransactionException("no connection: the database is away");
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    @Test
    void aGroupWhoseTransactionCannotBeginFailsAtOnceNotItemByItem() throws Exception {
        Away away = new Away();
        GroupCommit<String, String> group = new GroupCommit<>(new TransactionTemplate(away), item -> item);
        List<Thread> callers = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6, task -> {
            Thread thread = new Thread(task);
            callers.add(thread);
            return thread;
        });
        try {
            Future<?> first = pool.submit(() -> group.submit("first"));
            assertThat(away.firstBegun.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String item = "waiting-" + i;
                waiting.add(pool.submit(() -> group.submit(item)));
            }
            // queued before they wait for the lock the first one holds: then they are stored as one group
            await().until(() -> callers.size() == 6 && callers.stream().skip(1)
                    .allMatch(thread -> thread.getState() == Thread.State.WAITING));
            away.release.countDown();

            assertThatThrownBy(first::get).hasCauseInstanceOf(CannotCreateTransactionException.class);
            for (Future<String> f : waiting) {
                assertThatThrownBy(f::get).hasCauseInstanceOf(CannotCreateTransactionException.class);
            }
            assertThat(away.begins.get()).as("transactions begun: the first's, then the group's once").isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
