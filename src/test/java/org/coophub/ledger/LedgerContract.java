package org.coophub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Subject;
import org.coophub.request.Unit;
import org.coophub.support.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger's behaviour, run against each database it supports (H2 and PostgreSQL). */
public abstract class LedgerContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private Ledger ledger;
    private RequestSearch requests;
    private OpenRequests openRequests;

    abstract DataSource newDatabase();

    abstract String vendor();

    @BeforeEach
    void migrate() {
        DataSource dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor(), "classpath:db/migration/common").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        ledger = new Ledger(jdbc, clock);
        requests = new RequestSearch(jdbc);
        openRequests = new OpenRequests(jdbc);
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
    void anIdNumberInAHistoryReasonIsStoredMasked() {
        String idNumber = IdNumberFixtures.valid("110105", "19900307", "451");
        ledger.admit(entry("REQ-1", "hash-1"), "accepted via FILE (statement-" + idNumber + ".json)");

        assertThat(ledger.history("REQ-1")).extracting(HistoryEntry::reason)
                .containsExactly("accepted via FILE (statement-" + IdNumbers.mask(idNumber) + ".json)");
    }

    @Test
    void anIdNumberInARefusedInputsNameOrReasonIsStoredMasked() {
        String idNumber = IdNumberFixtures.valid("110105", "19900307", "451");
        ledger.recordRejectedInput("REST", "POST /api/requests/" + idNumber + "/sign", "no request " + idNumber);

        assertThat(ledger.rejectedInputs(10)).singleElement().satisfies(refused -> {
            assertThat(refused.inputName()).isEqualTo("POST /api/requests/" + IdNumbers.mask(idNumber) + "/sign");
            assertThat(refused.reason()).isEqualTo("no request " + IdNumbers.mask(idNumber));
        });
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
        assertThat(ledger.ticket("REQ-1").orElseThrow().awaitsPublication()).isFalse();
    }

    @Test
    void aRequestRepliedToWhileItsPublicationWaitsForARetryIsNotPublishedAgainNorMovedBack() {
        ledger.admit(entry("REQ-1", "h1"), "accepted");
        ledger.recordPublishFailure("REQ-1", "acknowledgement lost after the upload");
        ledger.recordReply(reply("REQ-1", "r1"), Direction.OUTBOUND, "reply from national");

        assertThat(ledger.ticket("REQ-1").orElseThrow().awaitsPublication()).isFalse();
        ledger.recordPublishFailure("REQ-1", "connection refused");
        assertThat(ledger.markPublished("REQ-1", "inbound/REQ-1.json")).isFalse();
        LedgerEntry entry = ledger.find("REQ-1").orElseThrow();
        assertThat(entry.state()).isEqualTo(RequestState.REPLIED);
        assertThat(entry.history()).extracting(HistoryEntry::state).containsExactly("ACCEPTED", "RETRYING", "REPLIED");
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

        ledger.recordRejectedInput("PLATFORM", "national:requests/old.json", "json");
        clock.advance(Duration.ofDays(2));
        ledger.recordRejectedInput("PLATFORM", "national:requests/b.json", "json");
        ledger.recordRejectedInput("FILE", "c.json", "json");
        ledger.recordRejectedInput("PLATFORM", "national:requests/d.json", "json");
        OffsetDateTime dayBeforeInBeijing = OffsetDateTime.now(clock).minusDays(1)
                .withOffsetSameInstant(ZoneOffset.ofHours(8));
        assertThat(ledger.rejectedInputsSince("PLATFORM", dayBeforeInBeijing, 10)).extracting(RejectedInput::inputName)
                .containsExactly("national:requests/d.json", "national:requests/b.json");
        assertThat(ledger.rejectedInputsSince("PLATFORM", dayBeforeInBeijing, 1)).hasSize(1);
    }

    @Test
    void keepsARefusalThatQuotesCharactersNoDatabaseStoresAndCutsALongOneWhole() {
        // a CSV read in the wrong encoding: its header, quoted in the reason, is full of U+0000
        ledger.recordRejectedInput("FILE", "detentions/march\u0000.csv", "header: is \"r\u0000o\u0000o\u0000m\"");
        ledger.recordRejectedInput("FILE", "long.json", "x".repeat(3998) + "😀😀"); // cut inside the first 😀
        ledger.recordRejectedInput("FILE", "longer.json", "x".repeat(3997) + "😀😀"); // cut after it

        List<RejectedInput> kept = ledger.rejectedInputs(10);
        assertThat(kept.get(2).inputName()).isEqualTo("detentions/march\\u0000.csv");
        assertThat(kept.get(2).reason()).isEqualTo("header: is \"r\\u0000o\\u0000o\\u0000m\"");
        assertThat(kept.get(1).reason()).isEqualTo("x".repeat(3998) + "…");
        assertThat(kept.get(0).reason()).isEqualTo("x".repeat(3997) + "😀…");
    }

    @Test
    void anUnknownRequestIsNotFound() {
        assertThat(ledger.find("NOPE")).isEmpty();
        assertThat(ledger.ticket("NOPE")).isEmpty();
    }

    @Test
    void recordsTheReplyToOurRequestOnceAndRefusesADifferentOne() {
        ledger.admit(entry("REQ-1", "h1"), "accepted");
        ledger.markPublished("REQ-1", "inbound/REQ-1.json");
        assertThat(ledger.replyTarget("REQ-1")).contains(new Ledger.ReplyTarget(Direction.OUTBOUND, null, false));
        assertThat(ledger.replyTarget("NOPE")).isEmpty();

        assertThat(ledger.recordReply(reply("REQ-1", "r1"), Direction.OUTBOUND, "reply from national").outcome())
                .isEqualTo(ReplyAdmission.Outcome.RECORDED);
        assertThat(ledger.replyTarget("REQ-1")).contains(new Ledger.ReplyTarget(Direction.OUTBOUND, "r1", false));
        assertThat(ledger.recordReply(reply("REQ-1", "r1"), Direction.OUTBOUND, "again").outcome())
                .isEqualTo(ReplyAdmission.Outcome.DUPLICATE);
        assertThat(ledger.recordReply(reply("REQ-1", "r2"), Direction.OUTBOUND, "other").outcome())
                .isEqualTo(ReplyAdmission.Outcome.CONFLICT);
        assertThat(ledger.recordReply(reply("NOPE", "r1"), Direction.OUTBOUND, "x").outcome())
                .isEqualTo(ReplyAdmission.Outcome.UNKNOWN_REQUEST);
        assertThat(ledger.recordReply(reply("REQ-1", "r1"), Direction.INBOUND, "x").outcome())
                .isEqualTo(ReplyAdmission.Outcome.WRONG_DIRECTION);

        LedgerEntry entry = ledger.find("REQ-1").orElseThrow();
        assertThat(entry.state()).isEqualTo(RequestState.REPLIED);
        assertThat(entry.reply().result()).isEqualTo("FOUND");
        assertThat(entry.reply().attachments()).containsExactly("a.pdf", "b.txt");
        assertThat(entry.reply().replyingUnit().code()).isEqualTo("310104000000");
        assertThat(ledger.replyPayload("REQ-1")).contains("{\"requestId\":\"REQ-1\"}");

        assertThat(ledger.markDelivered("REQ-1", true, "inbox")).isTrue();
        assertThat(ledger.markDelivered("REQ-1", true, "inbox")).isFalse();
        assertThat(ledger.find("REQ-1").orElseThrow().reply().deliveredAt()).isNotNull();
        assertThat(ledger.replyTarget("REQ-1")).contains(new Ledger.ReplyTarget(Direction.OUTBOUND, "r1", true));
        assertThat(ledger.history("REQ-1")).extracting(HistoryEntry::reason).endsWith("reply delivered to inbox");
    }

    @Test
    void aRequestFromAnotherRegionIsReceivedSignedAnsweredAndClosed() {
        CooperationRequest request = entry("IN-1", "h").request();
        ledger.admit(NewRequest.inbound(request, Scope.NATIONAL, "national", "h", "{}", "310104",
                new Unit("310104000000", "徐汇分局")), "received from national");

        assertThat(ledger.find("IN-1").orElseThrow().state()).isEqualTo(RequestState.RECEIVED);
        assertThat(ledger.find("IN-1").orElseThrow().fromUnit().name()).isEqualTo("徐汇分局");
        assertThat(ledger.markDelivered("IN-1", false, "inbox")).isTrue();
        assertThat(ledger.markDelivered("IN-1", false, "inbox")).isFalse();
        assertThat(ledger.sign("IN-1", "李警官")).isEqualTo(SignOutcome.SIGNED);
        assertThat(ledger.sign("IN-1", "李警官")).isEqualTo(SignOutcome.ALREADY_SIGNED);
        assertThat(ledger.sign("NOPE", "x")).isEqualTo(SignOutcome.NOT_FOUND);

        assertThat(ledger.recordReply(reply("IN-1", "r"), Direction.INBOUND, "our reply").outcome())
                .isEqualTo(ReplyAdmission.Outcome.RECORDED);
        assertThat(ledger.find("IN-1").orElseThrow().state()).isEqualTo(RequestState.ANSWERED);
        assertThat(ledger.sign("IN-1", "x")).isEqualTo(SignOutcome.TOO_LATE);
        assertThat(ledger.markReplyPublished("IN-1", "our-replies/IN-1.json")).isTrue();
        assertThat(ledger.markReplyPublished("IN-1", "our-replies/IN-1.json")).isFalse();
        assertThat(ledger.history("IN-1")).extracting(HistoryEntry::state)
                .containsExactly("RECEIVED", "RECEIVED", "SIGNED", "ANSWERED", "CLOSED");
    }

    @Test
    void aReplyToARequestNotSignedForSignsForItFirst() {
        ledger.admit(NewRequest.inbound(entry("IN-2", "h").request(), Scope.NATIONAL, "national", "h", "{}", "310104",
                new Unit("310104000000", "徐汇分局")), "received from national");

        assertThat(ledger.recordReply(reply("IN-2", "r"), Direction.INBOUND, "our reply").outcome())
                .isEqualTo(ReplyAdmission.Outcome.RECORDED);
        LedgerEntry entry = ledger.find("IN-2").orElseThrow();
        assertThat(entry.state()).isEqualTo(RequestState.ANSWERED);
        assertThat(entry.signedAt()).isNotNull();
        assertThat(entry.signedBy()).isEqualTo(reply("IN-2", "r").replyingUnit().name());
        assertThat(entry.history()).extracting(HistoryEntry::state).containsExactly("RECEIVED", "SIGNED", "ANSWERED");
    }

    @Test
    void ourUnitsReplyIsTimedByWhenWeReceivedItNotByTheRepliedAtItClaims() {
        ledger.admit(NewRequest.inbound(entry("IN-1", "h").request(), Scope.NATIONAL, "national", "h", "{}", "310104",
                new Unit("310104000000", "徐汇分局")), "received from national"); // 2 March
        ledger.setDeadlines("IN-1", OffsetDateTime.parse("2026-03-07T08:00:00Z"), null);
        clock.set(Instant.parse("2026-03-12T08:00:00Z"));

        ledger.recordReply(reply("IN-1", "r"), Direction.INBOUND, "our reply"); // claims 5 March

        RecordedReply recorded = ledger.find("IN-1").orElseThrow().reply();
        assertThat(recorded.lateSeconds()).isEqualTo(Duration.ofDays(5).toSeconds());
        assertThat(recorded.repliedAt()).isEqualTo(OffsetDateTime.parse("2026-03-05T02:00:00Z"));
        assertThat(ledger.history("IN-1")).extracting(HistoryEntry::reason).last().asString()
                .endsWith("late by 5d 0h");
    }

    @Test
    void aPlatformReplyIsTimedByItsRepliedAtButNotInTheFuture() {
        ledger.admit(entry("REQ-1", "h1"), "accepted"); // 2 March 08:00Z
        ledger.setDeadlines("REQ-1", OffsetDateTime.parse("2026-03-04T08:00:00Z"), null);
        ledger.admit(entry("REQ-2", "h2"), "accepted");
        ledger.setDeadlines("REQ-2", OffsetDateTime.parse("2026-03-04T08:00:00Z"), null);
        clock.set(Instant.parse("2026-03-06T08:00:00Z"));

        // the platform held a reply given on time: its repliedAt counts
        ledger.recordReply(replyAt("REQ-1", "2026-03-03T08:00:00Z"), Direction.OUTBOUND, "reply");
        // a repliedAt after the moment we recorded the reply is no more than a claim: now counts
        ledger.recordReply(replyAt("REQ-2", "2026-03-20T08:00:00Z"), Direction.OUTBOUND, "reply");

        assertThat(ledger.find("REQ-1").orElseThrow().reply().lateSeconds()).isZero();
        assertThat(ledger.find("REQ-2").orElseThrow().reply().lateSeconds()).isEqualTo(Duration.ofDays(2).toSeconds());
        assertThat(ledger.find("REQ-2").orElseThrow().reply().repliedAt())
                .isEqualTo(OffsetDateTime.parse("2026-03-20T08:00:00Z"));
    }

    @Test
    void aPlatformReplyCannotClaimToComeBeforeItsRequest() {
        ledger.admit(entry("REQ-1", "h1"), "accepted"); // 2 March 08:00Z, its deadline already gone
        ledger.setDeadlines("REQ-1", OffsetDateTime.parse("2026-03-01T08:00:00Z"), null);
        clock.set(Instant.parse("2026-03-03T08:00:00Z"));

        ledger.recordReply(replyAt("REQ-1", "2026-02-20T08:00:00Z"), Direction.OUTBOUND, "reply");

        assertThat(ledger.find("REQ-1").orElseThrow().reply().lateSeconds()).isEqualTo(Duration.ofDays(1).toSeconds());
    }

    @Test
    void onlyRequestsFromOtherRegionsAreSignedFor() {
        ledger.admit(entry("REQ-1", "h1"), "accepted");
        assertThat(ledger.sign("REQ-1", "x")).isEqualTo(SignOutcome.NOT_INBOUND);
    }

    @Test
    void searchesWithEveryFilterBoundNewestFirstAndPaged() {
        ledger.admit(entry("CY-1", "h1"), "accepted");
        clock.advance(Duration.ofMinutes(1));
        ledger.admit(entry("CY-2", "h2"), "accepted");
        clock.advance(Duration.ofMinutes(1));
        ledger.admit(entry("OTHER_3", "h3"), "accepted");
        ledger.markPublished("CY-2", "inbound/CY-2.json");

        RequestSearch.Search everything = new RequestSearch.Search(null, null, null, null, null, null, null, null);
        RequestSearch.Page all = requests.search(everything, 0, 2);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.pages()).isEqualTo(2);
        assertThat(all.items()).extracting(RequestSearch.Summary::requestId).containsExactly("OTHER_3", "CY-2");
        assertThat(requests.search(everything, 1, 2).items())
                .extracting(RequestSearch.Summary::requestId).containsExactly("CY-1");

        assertThat(ids(new RequestSearch.Search("cy-", null, null, null, null, null, null, null))).isEmpty();
        assertThat(ids(new RequestSearch.Search("CY-", Direction.OUTBOUND, RequestType.RECORD_CHECK, null, "预审", "31",
                null, null))).containsExactly("CY-2", "CY-1");
        assertThat(ids(new RequestSearch.Search(null, null, null, RequestState.PUBLISHED, null, null, null, null)))
                .containsExactly("CY-2");
        // user text is data, never SQL or a wildcard
        assertThat(ids(new RequestSearch.Search("%", null, null, null, null, null, null, null))).isEmpty();
        assertThat(ids(new RequestSearch.Search("R_3", null, null, null, null, null, null, null)))
                .containsExactly("OTHER_3");
        assertThat(ids(new RequestSearch.Search("x' OR '1'='1", null, null, null, null, null, null, null))).isEmpty();
        assertThat(ids(new RequestSearch.Search(null, Direction.INBOUND, null, null, null, null, null, null))).isEmpty();
        assertThat(ids(new RequestSearch.Search(null, null, null, null, null, "11", null, null))).isEmpty();
        OffsetDateTime second = OffsetDateTime.parse("2026-03-02T08:01:00Z");
        assertThat(ids(new RequestSearch.Search(null, null, null, null, null, null, second, second.plusMinutes(1))))
                .containsExactly("CY-2");
    }

    @Test
    void countsRequestsByDirectionAndState() {
        ledger.admit(entry("M-1", "h1"), "accepted");
        ledger.admit(entry("M-2", "h2"), "accepted");
        ledger.admit(entry("M-3", "h3"), "accepted");
        ledger.recordReply(reply("M-1", "r1"), Direction.OUTBOUND, "reply");
        ledger.recordReply(reply("M-2", "r2"), Direction.OUTBOUND, "reply");
        ledger.recordReply(reply("M-3", "r3"), Direction.OUTBOUND, "reply");

        assertThat(openRequests.countsByDirectionAndState()).containsExactly(
                new OpenRequests.StateCount(Direction.OUTBOUND, RequestState.REPLIED, 3));
    }

    private List<String> ids(RequestSearch.Search search) {
        return requests.search(search, 0, 50).items().stream().map(RequestSearch.Summary::requestId).toList();
    }

    /** A reply to one of our requests, FOUND, with two attachments; also for the reporting contract. */
    public static NewReply reply(String id, String hash) {
        return new NewReply(id, new Unit("310104000000", "徐汇分局"), "FOUND",
                OffsetDateTime.parse("2026-03-05T10:00:00+08:00"), hash, "{\"requestId\":\"" + id + "\"}",
                List.of("a.pdf", "b.txt"));
    }

    private static NewReply replyAt(String id, String repliedAt) {
        return new NewReply(id, new Unit("310104000000", "徐汇分局"), "FOUND", OffsetDateTime.parse(repliedAt),
                "r-" + id, "{}", List.of());
    }

    /** One of our record checks for the national platform; also for the reporting contract. */
    public static NewRequest entry(String id, String hash) {
        CooperationRequest request = new CooperationRequest(id, RequestType.RECORD_CHECK, Priority.ROUTINE, "预审室",
                "310104", null, "A-2026-001", List.of(new Subject("张三", "11010519491231002X")), "details",
                OffsetDateTime.of(2026, 3, 2, 15, 30, 0, 0, ZoneOffset.ofHours(8)));
        return NewRequest.outbound(request, Scope.NATIONAL, "national", "REST", hash,
                "{\"requestId\":\"" + id + "\",\"name\":\"张三\"}");
    }
}
