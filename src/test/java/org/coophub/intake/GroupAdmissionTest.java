package org.coophub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.coophub.ledger.Admission;
import org.coophub.ledger.NewRequest;
import org.coophub.ledger.RequestState;
import org.coophub.request.Scope;
import org.coophub.support.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class GroupAdmissionTest {

    /** Counts transactions; what a transaction holds is what the admitter stored in it, kept only if it commits. */
    final class Transactions extends AbstractPlatformTransactionManager {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();
        final List<List<String>> committedGroups = new CopyOnWriteArrayList<>();
        final ThreadLocal<List<String>> current = new ThreadLocal<>();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            current.set(new ArrayList<>());
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            commits.incrementAndGet();
            committedGroups.add(List.copyOf(current.get()));
            current.get().forEach(id -> stored.putIfAbsent(id, ADMITTED));
            current.remove();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rollbacks.incrementAndGet();
            current.remove();
        }
    }

    private final Map<String, Admission> stored = new ConcurrentHashMap<>();
    private final Transactions transactions = new Transactions();
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private GroupAdmission group(GroupAdmission.Admitter admitter) {
        return new GroupAdmission(new TransactionTemplate(transactions), admitter);
    }

    private static final Admission ADMITTED = new Admission(Admission.Outcome.ADMITTED, RequestState.ACCEPTED);

    /**
     * Like the ledger: a new id is ADMITTED, an id stored before (or earlier in the same transaction) a DUPLICATE;
     * stored only when the transaction commits.
     */
    private Admission store(NewRequest entry) {
        String id = entry.request().requestId();
        List<String> transaction = transactions.current.get();
        if (stored.containsKey(id) || transaction.contains(id)) {
            return new Admission(Admission.Outcome.DUPLICATE, RequestState.ACCEPTED);
        }
        transaction.add(id);
        return ADMITTED;
    }

    @Test
    void aLoneRequestIsStoredAtOnceInItsOwnTransaction() {
        GroupAdmission admissions = group((entry, reason) -> store(entry));

        assertThat(admissions.admit(request("G-1"), "accepted").outcome()).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(admissions.admit(request("G-1"), "again").outcome()).isEqualTo(Admission.Outcome.DUPLICATE);
        assertThat(transactions.committedGroups).containsExactly(List.of("G-1"), List.of());
    }

    @Test
    void requestsArrivingWhileAGroupIsStoredShareTheNextTransaction() throws Exception {
        List<String> seven = List.of("G-1", "G-2", "G-3", "G-4", "G-5", "G-6", "G-7");
        Queued queued = queueBehindAHeldRequest("G-0", seven, (entry, reason) -> store(entry));

        assertThat(queued.first().get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Admission.Outcome.ADMITTED);
        for (String id : seven) {
            assertThat(queued.outcome(id)).isEqualTo(Admission.Outcome.ADMITTED);
        }
        assertThat(stored).hasSize(8);
        assertThat(transactions.committedGroups.stream().mapToInt(List::size).sum()).isEqualTo(8);
        assertThat(transactions.commits.get()).as("commits for 8 requests").isLessThan(8);
    }

    @Test
    void whenAGroupFailsEachRequestIsStoredOnItsOwnAndOnlyTheBadOneFails() throws Exception {
        Queued queued = queueBehindAHeldRequest("B-0", List.of("B-1", "B-BAD", "B-2"), (entry, reason) -> {
            if (entry.request().requestId().equals("B-BAD")) {
                throw new IllegalStateException("the ledger refused B-BAD");
            }
            return store(entry);
        });

        assertThat(queued.first().get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(queued.outcome("B-1")).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(queued.outcome("B-2")).isEqualTo(Admission.Outcome.ADMITTED);
        assertThatThrownBy(() -> queued.outcome("B-BAD"))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("the ledger refused B-BAD");
        assertThat(transactions.committedGroups.stream().flatMap(List::stream))
                .containsExactlyInAnyOrder("B-0", "B-1", "B-2");
    }

    @Test
    void anErrorInAGroupLeavesNoCallerWaitingAndTheNextRequestsGoThrough() throws Exception {
        Queued queued = queueBehindAHeldRequest("E-0", List.of("E-BAD", "E-1"), (entry, reason) -> {
            if (entry.request().requestId().equals("E-BAD")) {
                throw new StackOverflowError("deep in E-BAD");
            }
            return store(entry);
        });

        assertThat(queued.first().get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Admission.Outcome.ADMITTED);
        assertThat(queued.outcome("E-1")).isEqualTo(Admission.Outcome.ADMITTED);
        assertThatThrownBy(() -> queued.outcome("E-BAD")).hasCauseInstanceOf(StackOverflowError.class);
        assertThat(callers.submit(() -> queued.admissions().admit(request("E-2"), "accepted")).get(5, TimeUnit.SECONDS)
                .outcome()).isEqualTo(Admission.Outcome.ADMITTED);
    }

    @Test
    void aCallerInsideATransactionOfItsOwnIsStoredAloneInIt() {
        AtomicInteger queuedBehind = new AtomicInteger();
        GroupAdmission admissions = group((entry, reason) -> {
            queuedBehind.incrementAndGet();
            return store(entry);
        });
        Object listenerSession = new Object();
        TransactionSynchronizationManager.bindResource(listenerSession, "a JMS listener's session");
        try {
            assertThat(admissions.admit(request("J-1"), "accepted via JMS").outcome())
                    .isEqualTo(Admission.Outcome.ADMITTED);
        } finally {
            TransactionSynchronizationManager.unbindResource(listenerSession);
        }
        assertThat(transactions.committedGroups).containsExactly(List.of("J-1"));
        assertThat(queuedBehind).hasValue(1);
    }

    @Test
    void aLoneRequestThatCannotBeStoredGetsItsOwnError() {
        GroupAdmission admissions = group((entry, reason) -> {
            throw new IllegalStateException("broker down");
        });
        assertThatThrownBy(() -> admissions.admit(request("X-1"), "accepted"))
                .isInstanceOf(IllegalStateException.class).hasMessage("broker down");
        assertThat(transactions.rollbacks).hasValue(1);
    }

    /** What {@link #queueBehindAHeldRequest} started: the held request and those that queued behind it. */
    record Queued(GroupAdmission admissions, Future<Admission> first, Map<String, Future<Admission>> later) {
        Admission.Outcome outcome(String id) throws Exception {
            return later.get(id).get(5, TimeUnit.SECONDS).outcome();
        }
    }

    /**
     * Admits {@code first} and holds it inside the admitter until every one of {@code later} has been submitted by
     * its own caller (so they queue behind it), then lets it go. Apart from that hold, {@code admitter} decides.
     */
    private Queued queueBehindAHeldRequest(String first, List<String> later, GroupAdmission.Admitter admitter)
            throws InterruptedException {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch othersWaiting = new CountDownLatch(1);
        GroupAdmission admissions = group((entry, reason) -> {
            if (entry.request().requestId().equals(first)) {
                firstInside.countDown();
                await(othersWaiting);
            }
            return admitter.admit(entry, reason);
        });
        Future<Admission> held = callers.submit(() -> admissions.admit(request(first), "accepted"));
        assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch submitted = new CountDownLatch(later.size());
        Map<String, Future<Admission>> queued = new ConcurrentHashMap<>();
        for (String id : later) {
            queued.put(id, callers.submit(() -> {
                submitted.countDown();
                return admissions.admit(request(id), "accepted");
            }));
        }
        assertThat(submitted.await(5, TimeUnit.SECONDS)).isTrue();
        othersWaiting.countDown();
        return new Queued(admissions, held, queued);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static NewRequest request(String id) {
        var request = RequestJson.read(Requests.recordCheck(id, Requests.SHANGHAI_XUHUI).getBytes(StandardCharsets.UTF_8));
        return NewRequest.outbound(request, Scope.NATIONAL, "national", "REST", "hash-" + id, "{}");
    }
}
