package org.coophub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Subject;
import org.coophub.support.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger's behaviour, run against each database it supports (H2 and PostgreSQL). */
abstract class LedgerContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private Ledger ledger;

    abstract DataSource newDatabase();

    abstract String vendor();

    @BeforeEach
    void migrate() {
        DataSource dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor()).load().migrate();
        ledger = new Ledger(JdbcClient.create(dataSource), clock);
    }

    @Test
    void admitsANewRequestAndShowsItWithItsHistory() {
        Admission admission = ledger.admit(entry("REQ-1", "hash-1"), "accepted via REST");

        assertThat(admission).isEqualTo(new Admission(Admission.Outcome.ADMITTED, RequestState.ACCEPTED));
        LedgerEntry entry = ledger.find("REQ-1").orElseThrow();
        assertThat(entry.state()).isEqualTo(RequestState.ACCEPTED);
        assertThat(entry.scope()).isEqualTo(Scope.NATIONAL);
        assertThat(entry.platform()).isEqualTo("national");
        assertThat(entry.requestingRoom()).isEqualTo("预审室");
        assertThat(entry.createdAt()).isEqualTo(OffsetDateTime.parse("2026-03-02T07:30:00Z"));
        assertThat(entry.acceptedAt()).isEqualTo(OffsetDateTime.parse("2026-03-02T08:00:00Z"));
        assertThat(entry.history()).extracting(HistoryEntry::state, HistoryEntry::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACCEPTED", "accepted via REST"));
        assertThat(ledger.ticket("REQ-1").orElseThrow().payload()).isEqualTo("{\"requestId\":\"REQ-1\",\"name\":\"张三\"}");
    }

    @Test
    void tellsADuplicateFromAConflict() {
        ledger.admit(entry("REQ-1", "hash-1"), "first");

        assertThat(ledger.admit(entry("REQ-1", "hash-1"), "again").outcome()).isEqualTo(Admission.Outcome.DUPLICATE);
        assertThat(ledger.admit(entry("REQ-1", "hash-2"), "changed").outcome()).isEqualTo(Admission.Outcome.CONFLICT);
        assertThat(ledger.history("REQ-1")).hasSize(1);
    }

    @Test
    void recordsFailedAttemptsThenThePublicationOnce() {
        ledger.admit(entry("REQ-1", "hash-1"), "accepted");
        clock.advance(Duration.ofSeconds(5));

        assertThat(ledger.recordPublishFailure("REQ-1", "connection refused")).isEqualTo(1);
        assertThat(ledger.recordPublishFailure("REQ-1", "connection refused")).isEqualTo(2);
        assertThat(ledger.find("REQ-1").orElseThrow().state()).isEqualTo(RequestState.RETRYING);

        assertThat(ledger.markPublished("REQ-1", "inbound/REQ-1.json")).isTrue();
        assertThat(ledger.markPublished("REQ-1", "inbound/REQ-1.json")).isFalse();

        LedgerEntry entry = ledger.find("REQ-1").orElseThrow();
        assertThat(entry.state()).isEqualTo(RequestState.PUBLISHED);
        assertThat(entry.publishAttempts()).isEqualTo(3);
        assertThat(entry.publishedPath()).isEqualTo("inbound/REQ-1.json");
        assertThat(entry.history()).extracting(HistoryEntry::reason).containsExactly(
                "accepted", "publish attempt 1 failed: connection refused",
                "publish attempt 2 failed: connection refused", "published as inbound/REQ-1.json");
        assertThat(ledger.ticket("REQ-1").orElseThrow().alreadyPublished()).isTrue();
    }

    @Test
    void listsUnpublishedRequestsOldestFirst() {
        ledger.admit(entry("REQ-1", "h1"), "accepted");
        clock.advance(Duration.ofMinutes(1));
        ledger.admit(entry("REQ-2", "h2"), "accepted");
        ledger.admit(entry("REQ-3", "h3"), "accepted");
        ledger.markPublished("REQ-3", "inbound/REQ-3.json");
        clock.advance(Duration.ofMinutes(1));

        assertThat(ledger.unpublished(OffsetDateTime.now(clock))).extracting(Unpublished::requestId).containsExactly("REQ-1", "REQ-2");
        assertThat(ledger.unpublished(OffsetDateTime.now(clock).minusSeconds(90)))
                .containsExactly(new Unpublished("REQ-1", "national"));
    }

    @Test
    void keepsRejectedInputsNewestFirst() {
        ledger.recordRejectedInput("FILE", "a.json", "targetRegion: not a province [region]");
        ledger.recordRejectedInput("JMS", "ID:1", "(document): not JSON [json]");

        assertThat(ledger.rejectedInputs(10)).extracting(RejectedInput::inputName).containsExactly("ID:1", "a.json");
    }

    @Test
    void anUnknownRequestIsNotFound() {
        assertThat(ledger.find("NOPE")).isEmpty();
        assertThat(ledger.ticket("NOPE")).isEmpty();
    }

    private static NewRequest entry(String id, String hash) {
        CooperationRequest request = new CooperationRequest(id, RequestType.RECORD_CHECK, Priority.ROUTINE, "预审室",
                "310104", null, "A-2026-001", List.of(new Subject("张三", "11010519491231002X")), "details",
                OffsetDateTime.of(2026, 3, 2, 15, 30, 0, 0, ZoneOffset.ofHours(8)));
        return new NewRequest(request, Direction.OUTBOUND, Scope.NATIONAL, "national", "REST", hash,
                "{\"requestId\":\"" + id + "\",\"name\":\"张三\"}");
    }
}
