package org.coophub.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.coophub.intake.StorableText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alerts in the ledger database. Every step of every deadline is one row (unique per request, kind and step),
 * planned when the request enters; senders claim due rows with a conditional update, so that one step goes out once
 * however many hub instances sweep the same database.
 */
@Component
public class AlertStore {

    enum State { PENDING, SENDING, SENT, ACKNOWLEDGED, CANCELLED }

    /** The claiming update of {@link #claimDue}; public for the benchmark's EXPLAIN (docs/benchmarks.md). */
    public static final String CLAIM = """
            UPDATE alert SET state = 'SENDING', claim = ?, claimed_until = ?
            WHERE id IN (SELECT id FROM (
                            (SELECT id, fire_at FROM alert WHERE state = 'PENDING' AND fire_at <= ?
                                ORDER BY fire_at FETCH FIRST ? ROWS ONLY)
                            UNION ALL
                            (SELECT id, fire_at FROM alert WHERE state = 'SENDING' AND claimed_until < ?
                                ORDER BY fire_at FETCH FIRST ? ROWS ONLY)) due
                         ORDER BY fire_at FETCH FIRST ? ROWS ONLY)
              AND ((state = 'PENDING' AND fire_at <= ?) OR (state = 'SENDING' AND claimed_until < ?))""";

    private final JdbcClient jdbc;

    public AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Plans the steps of one deadline. Joins the caller's transaction (the one that stores the request). */
    @Transactional
    public void plan(String requestId, DeadlineKind kind, OffsetDateTime deadline, Duration dueSoonLead,
            AlertScheduleProperties schedule) {
        Map<AlertStep, OffsetDateTime> fireAt = new EnumMap<>(AlertStep.class);
        fireAt.put(AlertStep.DUE_SOON, deadline.minus(dueSoonLead));
        fireAt.put(AlertStep.OVERDUE, deadline);
        fireAt.put(AlertStep.SECOND_NOTICE, deadline.plus(schedule.secondNoticeAfter()));
        fireAt.put(AlertStep.THIRD_NOTICE, deadline.plus(schedule.thirdNoticeAfter()));
        // one statement for the four rows: this runs inside every request's intake transaction
        List<Object> values = new ArrayList<>();
        fireAt.forEach((step, at) -> values.addAll(List.of(requestId, kind.name(), step.name(), utc(deadline), utc(at),
                State.PENDING.name())));
        jdbc.sql("INSERT INTO alert (request_id, kind, step, deadline, fire_at, state) VALUES "
                + String.join(", ", java.util.Collections.nCopies(fireAt.size(), "(?, ?, ?, ?, ?, ?)")))
                .params(values)
                .update();
    }

    /**
     * Claims up to {@code max} alerts that are due (or whose claimer died: lease expired), oldest first. The state
     * test is repeated outside the sub-select so that a concurrent claimer, which locked the row first, wins alone.
     *
     * <p>The two kinds of due rows are found by two selects joined with UNION ALL, each a range of index
     * {@code alert_due (state, ...)}: one {@code OR} over different columns makes H2 scan the whole table, so finding
     * due work would cost in proportion to every alert ever planned (4 per request) on every sweep.
     */
    @Transactional
    public List<DueAlert> claimDue(OffsetDateTime now, String claim, Duration lease, int max) {
        jdbc.sql(CLAIM)
                .params(claim, utc(now.plus(lease)), utc(now), max, utc(now), max, max, utc(now), utc(now))
                .update();
        return jdbc.sql("""
                SELECT id, request_id, kind, step, deadline, fire_at, sends, failures FROM alert
                WHERE claim = ? AND state = 'SENDING' ORDER BY fire_at, id""")
                .param(claim)
                .query((rs, n) -> new DueAlert(rs.getLong(1), rs.getString(2), DeadlineKind.valueOf(rs.getString(3)),
                        AlertStep.valueOf(rs.getString(4)), at(rs, 5), at(rs, 6), rs.getInt(7), rs.getInt(8)))
                .list();
    }

    /**
     * Holds a claimed alert for {@code lease} more, just before it is sent. False if it is no longer this claimer's to
     * send: its lease ran out and another instance claimed it, or a later step sent meanwhile superseded it. A batch
     * is claimed under one lease, and mailing it may take longer than that lease.
     */
    @Transactional
    public boolean holdForSending(DueAlert alert, String claim, OffsetDateTime until) {
        return jdbc.sql("UPDATE alert SET claimed_until = ? WHERE id = ? AND claim = ? AND state = 'SENDING'")
                .params(utc(until), alert.id(), claim)
                .update() == 1;
    }

    /**
     * Records a sent alert. It is sent again at {@code repeatAt} (null: not again). The earlier steps of the same
     * deadline are superseded by it: one already sent stops repeating, one not yet sent (held back by an SMTP outage)
     * is not sent any more, so that no one gets "overdue" after "second notice". Later steps are left as they are.
     */
    @Transactional
    public void markSent(DueAlert alert, String claim, String recipients, OffsetDateTime at, OffsetDateTime repeatAt) {
        jdbc.sql("""
                UPDATE alert SET state = ?, fire_at = COALESCE(?, fire_at), sends = sends + 1, last_sent_at = ?,
                    recipients = ?, claim = NULL, claimed_until = NULL, last_error = NULL
                WHERE id = ? AND claim = ?""")
                .params(repeatAt == null ? State.SENT.name() : State.PENDING.name(), utc(repeatAt), utc(at),
                        StorableText.truncate(recipients, 2000), alert.id(), claim)
                .update();
        List<String> earlier = Arrays.stream(AlertStep.values())
                .filter(step -> step.ordinal() < alert.step().ordinal()).map(Enum::name).toList();
        if (earlier.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE alert SET state = CASE WHEN sends > 0 THEN 'SENT' ELSE 'CANCELLED' END, claim = NULL,
                    claimed_until = NULL
                WHERE request_id = :request AND kind = :kind AND step IN (:earlier) AND state IN ('PENDING', 'SENDING')""")
                .param("request", alert.requestId()).param("kind", alert.kind().name()).param("earlier", earlier)
                .update();
    }

    /** A send failed: the alert waits until {@code retryAt} and is tried again; nothing is lost. */
    @Transactional
    public void release(DueAlert alert, String claim, String error, OffsetDateTime retryAt) {
        jdbc.sql("""
                UPDATE alert SET state = 'PENDING', fire_at = ?, failures = failures + 1, last_error = ?, claim = NULL,
                    claimed_until = NULL WHERE id = ? AND claim = ?""")
                .params(utc(retryAt), StorableText.truncate(error, 1000), alert.id(), claim)
                .update();
    }

    /** The request was replied to, signed for or closed before this step: it will not be sent. */
    @Transactional
    public void cancel(DueAlert alert, String claim) {
        jdbc.sql("UPDATE alert SET state = 'CANCELLED', claim = NULL, claimed_until = NULL WHERE id = ? AND claim = ?")
                .params(alert.id(), claim).update();
    }

    /** Stops repeats of a step; later steps still fire. False if there is no such alert or nothing to stop. */
    @Transactional
    public boolean acknowledge(long id, String by, OffsetDateTime at) {
        return jdbc.sql("""
                UPDATE alert SET state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?
                WHERE id = ? AND sends > 0 AND state IN ('PENDING', 'SENT')""")
                .params(utc(at), by, id)
                .update() == 1;
    }

    public List<AlertView> list(String requestId, int limit) {
        String where = requestId == null ? "" : "WHERE request_id = ? ";
        var spec = jdbc.sql("""
                SELECT id, request_id, kind, step, deadline, fire_at, state, sends, last_sent_at, recipients, last_error,
                    acknowledged_at, acknowledged_by FROM alert %sORDER BY fire_at DESC, id DESC FETCH FIRST %d ROWS ONLY"""
                .formatted(where, limit));
        if (requestId != null) {
            spec = spec.param(requestId);
        }
        return spec.query((rs, n) -> new AlertView(rs.getLong(1), rs.getString(2),
                DeadlineKind.valueOf(rs.getString(3)), AlertStep.valueOf(rs.getString(4)), at(rs, 5), at(rs, 6),
                rs.getString(7), rs.getInt(8), at(rs, 9), rs.getString(10), rs.getString(11), at(rs, 12),
                rs.getString(13))).list();
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime at(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
    }

}
