package org.coophub.ledger;

import static org.coophub.ledger.Columns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.coophub.intake.StorableText;
import org.coophub.privacy.PersonalData;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Unit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of every request and every change to it. All writes go through here so that each state
 * change and its history line are committed together. The read-only views over it for people live beside it:
 * {@link RequestSearch} (the request list), {@link OpenRequests} (what is still waiting) and
 * {@link org.coophub.reporting.MonthlyCounts} (the charts).
 */
@Component
public class Ledger {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Ledger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores a new request, or tells whether an earlier one with the same id was the same request.
     * Joins the caller's transaction, so that the caller can enqueue it in the same unit of work.
     */
    @Transactional
    public Admission admit(NewRequest entry, String reason) {
        Optional<Admission> earlier = jdbc.sql("SELECT content_hash, state FROM cooperation_request WHERE request_id = ?")
                .param(entry.requestId())
                .query((rs, n) -> new Admission(
                        rs.getString(1).equals(entry.contentHash()) ? Admission.Outcome.DUPLICATE : Admission.Outcome.CONFLICT,
                        RequestState.valueOf(rs.getString(2))))
                .optional();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        CooperationRequest r = entry.request();
        OffsetDateTime now = now();
        RequestState state = entry.initialState();
        Unit from = entry.fromUnit();
        jdbc.sql("""
                INSERT INTO cooperation_request (request_id, direction, type, priority, requesting_room, target_region,
                    scope, platform, case_number, state, source, content_hash, payload, created_at, accepted_at, updated_at,
                    from_region, from_unit_code, from_unit_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.requestId(), entry.direction().name(), r.type().name(), r.priority().name(), r.requestingRoom(),
                        r.targetRegion(), entry.scope().name(), entry.platform(), r.caseNumber(),
                        state.name(), entry.source(), entry.contentHash(), entry.payload(),
                        r.createdAt(), now, now, entry.fromRegion(), from == null ? null : from.code(),
                        from == null ? null : from.name())
                .update();
        addHistory(r.requestId(), state, reason, now);
        return new Admission(Admission.Outcome.ADMITTED, state);
    }

    public Optional<PublishTicket> ticket(String requestId) {
        return jdbc.sql("SELECT request_id, platform, state, payload FROM cooperation_request WHERE request_id = ?")
                .param(requestId)
                .query((rs, n) -> new PublishTicket(rs.getString(1), rs.getString(2),
                        RequestState.valueOf(rs.getString(3)), rs.getString(4)))
                .optional();
    }

    /** Records a successful publication; false if it was already recorded (a redelivered message). */
    @Transactional
    public boolean markPublished(String requestId, String path) {
        OffsetDateTime now = now();
        int changed = jdbc.sql("""
                UPDATE cooperation_request SET state = ?, publish_attempts = publish_attempts + 1, published_at = ?,
                    published_path = ?, updated_at = ? WHERE request_id = ? AND state IN (?, ?)""")
                .params(RequestState.PUBLISHED.name(), now, path, now, requestId, RequestState.ACCEPTED.name(),
                        RequestState.RETRYING.name())
                .update();
        if (changed == 1) {
            addHistory(requestId, RequestState.PUBLISHED, "published as " + path, now);
        }
        return changed == 1;
    }

    /** Records a failed attempt in its own transaction: the attempt must stay on record though the delivery rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int recordPublishFailure(String requestId, String reason) {
        OffsetDateTime now = now();
        int changed = jdbc.sql("""
                UPDATE cooperation_request SET state = ?, publish_attempts = publish_attempts + 1, updated_at = ?
                WHERE request_id = ? AND state IN (?, ?)""")
                .params(RequestState.RETRYING.name(), now, requestId, RequestState.ACCEPTED.name(),
                        RequestState.RETRYING.name())
                .update();
        int attempts = jdbc.sql("SELECT publish_attempts FROM cooperation_request WHERE request_id = ?")
                .param(requestId).query(Integer.class).optional().orElse(0);
        if (changed == 1) {
            addHistory(requestId, RequestState.RETRYING, "publish attempt " + attempts + " failed: " + reason, now);
        }
        return attempts;
    }

    /**
     * Records a reply to one of our requests (OUTBOUND, it moves to REPLIED) or our reply to a request we received
     * (INBOUND, it moves to ANSWERED). A request has at most one reply: the same one again is a duplicate, another
     * one a conflict. Joins the caller's transaction.
     */
    @Transactional
    public ReplyAdmission recordReply(NewReply reply, Direction direction, String reason) {
        var request = jdbc.sql("""
                SELECT direction, platform, reply_due_at, accepted_at, state FROM cooperation_request
                WHERE request_id = ? FOR UPDATE""")
                .param(reply.requestId())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), utc(rs, "reply_due_at"),
                        utc(rs, "accepted_at"), rs.getString(5)})
                .optional();
        if (request.isEmpty()) {
            return new ReplyAdmission(ReplyAdmission.Outcome.UNKNOWN_REQUEST, null);
        }
        String platform = (String) request.get()[1];
        OffsetDateTime replyDue = (OffsetDateTime) request.get()[2];
        OffsetDateTime enteredLedger = (OffsetDateTime) request.get()[3];
        if (!request.get()[0].equals(direction.name())) {
            return new ReplyAdmission(ReplyAdmission.Outcome.WRONG_DIRECTION, platform);
        }
        Optional<String> earlier = jdbc.sql("SELECT content_hash FROM reply WHERE request_id = ?")
                .param(reply.requestId()).query(String.class).optional();
        if (earlier.isPresent()) {
            return new ReplyAdmission(earlier.get().equals(reply.contentHash())
                    ? ReplyAdmission.Outcome.DUPLICATE : ReplyAdmission.Outcome.CONFLICT, platform);
        }
        OffsetDateTime now = now();
        if (RequestState.RECEIVED.name().equals(request.get()[4])) {
            // a unit that answers has the request in hand: the reply signs for it too, so the record reads in order
            markSigned(reply.requestId(), reply.replyingUnit().name(), "signed for with its reply, by "
                    + reply.replyingUnit().name(), now);
        }
        Long lateSeconds = replyDue == null ? null
                : Math.max(0, Duration.between(replyDue, replyTime(reply, direction, enteredLedger, now)).getSeconds());
        jdbc.sql("""
                INSERT INTO reply (request_id, replying_unit_code, replying_unit_name, result, replied_at, recorded_at,
                    content_hash, payload, attachments, late_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(reply.requestId(), reply.replyingUnit().code(), reply.replyingUnit().name(), reply.result(),
                        reply.repliedAt(), now, reply.contentHash(), reply.payload(), String.join("\n", reply.attachments()),
                        lateSeconds)
                .update();
        cancelAlerts(reply.requestId(), "REPLY", "SIGN_FOR");
        RequestState state = direction == Direction.OUTBOUND ? RequestState.REPLIED : RequestState.ANSWERED;
        String timeliness = lateSeconds == null ? "" : lateSeconds == 0 ? ", on time" : ", late by " + lateText(lateSeconds);
        setState(reply.requestId(), state, reason + timeliness, now);
        return new ReplyAdmission(ReplyAdmission.Outcome.RECORDED, platform);
    }

    /** Our unit signs for a request from another region (签收). */
    @Transactional
    public SignOutcome sign(String requestId, String signedBy) {
        var row = jdbc.sql("SELECT direction, state FROM cooperation_request WHERE request_id = ? FOR UPDATE")
                .param(requestId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional();
        if (row.isEmpty()) {
            return SignOutcome.NOT_FOUND;
        }
        if (!row.get()[0].equals(Direction.INBOUND.name())) {
            return SignOutcome.NOT_INBOUND;
        }
        RequestState state = RequestState.valueOf(row.get()[1]);
        if (state != RequestState.RECEIVED) {
            return state == RequestState.SIGNED ? SignOutcome.ALREADY_SIGNED : SignOutcome.TOO_LATE;
        }
        markSigned(requestId, signedBy, "signed for by " + signedBy, now());
        return SignOutcome.SIGNED;
    }

    private void markSigned(String requestId, String signedBy, String reason, OffsetDateTime now) {
        jdbc.sql("UPDATE cooperation_request SET signed_at = ?, signed_by = ? WHERE request_id = ?")
                .params(now, signedBy, requestId).update();
        cancelAlerts(requestId, "SIGN_FOR");
        setState(requestId, RequestState.SIGNED, reason, now);
    }

    /** The deadlines a request entered with (null where none applies). Joins the caller's transaction. */
    @Transactional
    public void setDeadlines(String requestId, OffsetDateTime replyDue, OffsetDateTime signForDue) {
        jdbc.sql("UPDATE cooperation_request SET reply_due_at = ?, sign_due_at = ? WHERE request_id = ?")
                .params(replyDue == null ? null : replyDue.withOffsetSameInstant(ZoneOffset.UTC),
                        signForDue == null ? null : signForDue.withOffsetSameInstant(ZoneOffset.UTC), requestId)
                .update();
    }

    /**
     * When a reply counts as given, for its lateness. The repliedAt a replier writes is its own claim: our units' replies
     * count from when we received them, since a unit could otherwise backdate a late one; another region's reply keeps
     * its claim (the platform may have held it a while), but no earlier than its request and no later than now.
     */
    private static OffsetDateTime replyTime(NewReply reply, Direction direction, OffsetDateTime enteredLedger,
            OffsetDateTime now) {
        if (direction == Direction.INBOUND) {
            return now;
        }
        OffsetDateTime claimed = reply.repliedAt();
        return claimed.isBefore(enteredLedger) ? enteredLedger : claimed.isAfter(now) ? now : claimed;
    }

    /** A reply or a signature makes the alerts still waiting for it pointless. */
    private void cancelAlerts(String requestId, String... kinds) {
        for (String kind : kinds) {
            jdbc.sql("UPDATE alert SET state = 'CANCELLED' WHERE request_id = ? AND kind = ? AND state = 'PENDING' AND sends = 0")
                    .params(requestId, kind).update();
            jdbc.sql("UPDATE alert SET state = 'SENT' WHERE request_id = ? AND kind = ? AND state = 'PENDING'")
                    .params(requestId, kind).update();
        }
    }

    private static String lateText(long seconds) {
        Duration late = Duration.ofSeconds(seconds);
        return late.toDays() > 0 ? late.toDays() + "d " + late.toHoursPart() + "h"
                : late.toHours() > 0 ? late.toHours() + "h " + late.toMinutesPart() + "m" : late.toMinutes() + "m";
    }

    /** Our reply is on the platform: the request is closed. False if that was recorded already. */
    @Transactional
    public boolean markReplyPublished(String requestId, String path) {
        OffsetDateTime now = now();
        int changed = jdbc.sql("UPDATE cooperation_request SET state = ?, updated_at = ? WHERE request_id = ? AND state = ?")
                .params(RequestState.CLOSED.name(), now, requestId, RequestState.ANSWERED.name())
                .update();
        if (changed == 1) {
            addHistory(requestId, RequestState.CLOSED, "our reply published as " + path, now);
        }
        return changed == 1;
    }

    /** A failed attempt to publish our reply; recorded on its own, as the delivery itself rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordReplyPublishFailure(String requestId, String reason) {
        addHistory(requestId, RequestState.ANSWERED, "publishing our reply failed: " + reason, now());
    }

    /**
     * Notes that the local system has been handed a request from another region (reply = false) or the reply to one
     * of ours (reply = true). False if that was noted before, so a redelivery is not delivered twice.
     */
    @Transactional
    public boolean markDelivered(String requestId, boolean reply, String where) {
        OffsetDateTime now = now();
        String table = reply ? "reply" : "cooperation_request";
        int changed = jdbc.sql("UPDATE " + table + " SET delivered_at = ? WHERE request_id = ? AND delivered_at IS NULL")
                .params(now, requestId).update();
        if (changed == 1) {
            RequestState state = RequestState.valueOf(jdbc.sql("SELECT state FROM cooperation_request WHERE request_id = ?")
                    .param(requestId).query(String.class).single());
            addHistory(requestId, state, (reply ? "reply delivered to " : "delivered to ") + where, now);
        }
        return changed == 1;
    }

    /** What a reply that arrives for a request is checked against, read in one query. */
    public record ReplyTarget(Direction direction, String recordedReplyHash, boolean replyDelivered) {
    }

    /**
     * The request's direction, the content hash of the reply it already has (null if none) and whether that reply
     * has been delivered locally; empty if the request is unknown.
     */
    public Optional<ReplyTarget> replyTarget(String requestId) {
        return jdbc.sql("""
                SELECT r.direction, p.content_hash, p.delivered_at FROM cooperation_request r
                LEFT JOIN reply p ON p.request_id = r.request_id WHERE r.request_id = ?""")
                .param(requestId)
                .query((rs, n) -> new ReplyTarget(Direction.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getObject(3) != null))
                .optional();
    }

    public Optional<String> replyHash(String requestId) {
        return jdbc.sql("SELECT content_hash FROM reply WHERE request_id = ?").param(requestId).query(String.class).optional();
    }

    public Optional<String> replyPayload(String requestId) {
        return jdbc.sql("SELECT payload FROM reply WHERE request_id = ?").param(requestId).query(String.class).optional();
    }

    public Optional<RecordedReply> reply(String requestId) {
        return jdbc.sql("""
                SELECT replying_unit_code, replying_unit_name, result, replied_at, recorded_at, delivered_at, attachments,
                    late_seconds FROM reply WHERE request_id = ?""")
                .param(requestId)
                .query((rs, n) -> new RecordedReply(new Unit(rs.getString(1), rs.getString(2)), rs.getString(3),
                        utc(rs, "replied_at"), utc(rs, "recorded_at"), utc(rs, "delivered_at"),
                        rs.getString(7).isEmpty() ? List.of() : List.of(rs.getString(7).split("\n")),
                        (Long) rs.getObject(8, Long.class)))
                .optional();
    }

    /** The request as it came (canonical JSON, personal data included: mask before showing it). */
    public Optional<String> payload(String requestId) {
        return jdbc.sql("SELECT payload FROM cooperation_request WHERE request_id = ?").param(requestId)
                .query(String.class).optional();
    }

    /** Requests accepted before {@code acceptedBefore} and not yet published: candidates to enqueue again. */
    public List<Unpublished> unpublished(OffsetDateTime acceptedBefore) {
        return jdbc.sql("""
                SELECT request_id, platform FROM cooperation_request WHERE state IN (?, ?) AND accepted_at < ?
                ORDER BY accepted_at""")
                .params(RequestState.ACCEPTED.name(), RequestState.RETRYING.name(), acceptedBefore)
                .query((rs, n) -> new Unpublished(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Requests from other regions answered by our units before {@code recordedBefore} whose reply is not yet out. */
    public List<Unpublished> unpublishedReplies(OffsetDateTime recordedBefore) {
        return jdbc.sql("""
                SELECT c.request_id, c.platform FROM cooperation_request c JOIN reply r ON r.request_id = c.request_id
                WHERE c.state = ? AND r.recorded_at < ? ORDER BY r.recorded_at""")
                .params(RequestState.ANSWERED.name(), recordedBefore)
                .query((rs, n) -> new Unpublished(rs.getString(1), rs.getString(2)))
                .list();
    }

    public Optional<LedgerEntry> find(String requestId) {
        return jdbc.sql("SELECT * FROM cooperation_request WHERE request_id = ?")
                .param(requestId)
                .query((rs, n) -> toEntry(rs, history(requestId), reply(requestId).orElse(null)))
                .optional();
    }

    public List<HistoryEntry> history(String requestId) {
        return jdbc.sql("SELECT at, state, reason FROM request_history WHERE request_id = ? ORDER BY id")
                .param(requestId)
                .query((rs, n) -> new HistoryEntry(utc(rs, "at"), rs.getString("state"), rs.getString("reason")))
                .list();
    }

    /**
     * Keeps a refused input on record (what, where from, why) beside the quarantined copy. Its name and reason may
     * quote what was refused, which can hold characters the database cannot store (a U+0000 in a file read with the
     * wrong encoding): they are kept escaped, or the refusal itself would fail and the input be tried again for ever.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRejectedInput(String source, String inputName, String reason) {
        // a file's name, an address or a refusal can carry an ID number, and the digest and dashboard show them
        jdbc.sql("INSERT INTO rejected_input (at, source, input_name, reason) VALUES (?, ?, ?, ?)")
                .params(now(), source, StorableText.truncate(StorableText.escaped(PersonalData.maskText(inputName)), 300),
                        StorableText.truncate(StorableText.escaped(PersonalData.maskText(reason)), 4000))
                .update();
    }

    /** The inputs of one source refused since {@code since}, newest first, at most {@code limit}. */
    public List<RejectedInput> rejectedInputsSince(String source, OffsetDateTime since, int limit) {
        return jdbc.sql("""
                SELECT at, source, input_name, reason FROM rejected_input WHERE source = ? AND at >= ?
                ORDER BY id DESC FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, limit)))
                .params(source, since.withOffsetSameInstant(ZoneOffset.UTC))
                .query((rs, n) -> new RejectedInput(utc(rs, "at"), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    public List<RejectedInput> rejectedInputs(int limit) {
        return jdbc.sql("SELECT at, source, input_name, reason FROM rejected_input ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
                .param(limit)
                .query((rs, n) -> new RejectedInput(utc(rs, "at"), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private void setState(String requestId, RequestState state, String reason, OffsetDateTime at) {
        jdbc.sql("UPDATE cooperation_request SET state = ?, updated_at = ? WHERE request_id = ?")
                .params(state.name(), at, requestId).update();
        addHistory(requestId, state, reason, at);
    }

    private void addHistory(String requestId, RequestState state, String reason, OffsetDateTime at) {
        jdbc.sql("INSERT INTO request_history (request_id, at, state, reason) VALUES (?, ?, ?, ?)")
                // a reason can name a file or quote what was sent, and is read on the dashboard and over the API
                .params(requestId, at, state.name(), StorableText.truncate(PersonalData.maskText(reason), 2000))
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static LedgerEntry toEntry(ResultSet rs, List<HistoryEntry> history, RecordedReply reply)
            throws SQLException {
        String scope = rs.getString("scope");
        String fromUnitCode = rs.getString("from_unit_code");
        return new LedgerEntry(rs.getString("request_id"), Direction.valueOf(rs.getString("direction")),
                RequestType.valueOf(rs.getString("type")), Priority.valueOf(rs.getString("priority")),
                rs.getString("requesting_room"), rs.getString("target_region"), Scope.valueOf(scope),
                rs.getString("platform"), rs.getString("case_number"), RequestState.valueOf(rs.getString("state")),
                rs.getString("source"), utc(rs, "created_at"), utc(rs, "accepted_at"), rs.getInt("publish_attempts"),
                utc(rs, "published_at"), rs.getString("published_path"), rs.getString("from_region"),
                fromUnitCode == null ? null : new Unit(fromUnitCode, rs.getString("from_unit_name")),
                utc(rs, "signed_at"), rs.getString("signed_by"), utc(rs, "delivered_at"), utc(rs, "reply_due_at"),
                utc(rs, "sign_due_at"), reply, history);
    }

}
