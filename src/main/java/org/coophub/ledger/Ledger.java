package org.coophub.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of every request and every change to it. All writes go through here so that each state
 * change and its history line are committed together.
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
        jdbc.sql("""
                INSERT INTO cooperation_request (request_id, direction, type, priority, requesting_room, target_region,
                    scope, platform, case_number, state, source, content_hash, payload, created_at, accepted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.requestId(), entry.direction().name(), r.type().name(), r.priority().name(), r.requestingRoom(),
                        r.targetRegion(), entry.scope().name(), entry.platform(), r.caseNumber(),
                        RequestState.ACCEPTED.name(), entry.source(), entry.contentHash(), entry.payload(),
                        r.createdAt(), now, now)
                .update();
        addHistory(r.requestId(), RequestState.ACCEPTED, reason, now);
        return new Admission(Admission.Outcome.ADMITTED, RequestState.ACCEPTED);
    }

    public Optional<PublishTicket> ticket(String requestId) {
        return jdbc.sql("SELECT request_id, platform, state, publish_attempts, payload FROM cooperation_request WHERE request_id = ?")
                .param(requestId)
                .query((rs, n) -> new PublishTicket(rs.getString(1), rs.getString(2),
                        RequestState.valueOf(rs.getString(3)), rs.getInt(4), rs.getString(5)))
                .optional();
    }

    /** Records a successful publication; false if it was already recorded (a redelivered message). */
    @Transactional
    public boolean markPublished(String requestId, String path) {
        OffsetDateTime now = now();
        int changed = jdbc.sql("""
                UPDATE cooperation_request SET state = ?, publish_attempts = publish_attempts + 1, published_at = ?,
                    published_path = ?, updated_at = ? WHERE request_id = ? AND state <> ?""")
                .params(RequestState.PUBLISHED.name(), now, path, now, requestId, RequestState.PUBLISHED.name())
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
        jdbc.sql("""
                UPDATE cooperation_request SET state = ?, publish_attempts = publish_attempts + 1, updated_at = ?
                WHERE request_id = ? AND state <> ?""")
                .params(RequestState.RETRYING.name(), now, requestId, RequestState.PUBLISHED.name())
                .update();
        int attempts = jdbc.sql("SELECT publish_attempts FROM cooperation_request WHERE request_id = ?")
                .param(requestId).query(Integer.class).optional().orElse(0);
        addHistory(requestId, RequestState.RETRYING, "publish attempt " + attempts + " failed: " + reason, now);
        return attempts;
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

    public Optional<LedgerEntry> find(String requestId) {
        return jdbc.sql("SELECT * FROM cooperation_request WHERE request_id = ?")
                .param(requestId)
                .query((rs, n) -> toEntry(rs, history(requestId)))
                .optional();
    }

    public List<HistoryEntry> history(String requestId) {
        return jdbc.sql("SELECT at, state, reason FROM request_history WHERE request_id = ? ORDER BY id")
                .param(requestId)
                .query((rs, n) -> new HistoryEntry(utc(rs, "at"), rs.getString("state"), rs.getString("reason")))
                .list();
    }

    /** Keeps a refused input on record (what, where from, why) beside the quarantined copy. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRejectedInput(String source, String inputName, String reason) {
        jdbc.sql("INSERT INTO rejected_input (at, source, input_name, reason) VALUES (?, ?, ?, ?)")
                .params(now(), source, truncate(inputName, 300), truncate(reason, 4000))
                .update();
    }

    public List<RejectedInput> rejectedInputs(int limit) {
        return jdbc.sql("SELECT at, source, input_name, reason FROM rejected_input ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
                .param(limit)
                .query((rs, n) -> new RejectedInput(utc(rs, "at"), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private void addHistory(String requestId, RequestState state, String reason, OffsetDateTime at) {
        jdbc.sql("INSERT INTO request_history (request_id, at, state, reason) VALUES (?, ?, ?, ?)")
                .params(requestId, at, state.name(), truncate(reason, 2000))
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static LedgerEntry toEntry(ResultSet rs, List<HistoryEntry> history) throws SQLException {
        String scope = rs.getString("scope");
        return new LedgerEntry(rs.getString("request_id"), Direction.valueOf(rs.getString("direction")),
                RequestType.valueOf(rs.getString("type")), Priority.valueOf(rs.getString("priority")),
                rs.getString("requesting_room"), rs.getString("target_region"), Scope.valueOf(scope),
                rs.getString("platform"), rs.getString("case_number"), RequestState.valueOf(rs.getString("state")),
                rs.getString("source"), utc(rs, "created_at"), utc(rs, "accepted_at"), rs.getInt("publish_attempts"),
                utc(rs, "published_at"), rs.getString("published_path"), history);
    }

    private static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
