package org.coophub.ledger;

import static org.coophub.ledger.Columns.utc;
import static org.coophub.ledger.Columns.utcOf;

import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the ledger still waits on, read for the people who chase it (the daily digest, the dashboard), and how many
 * requests are in each state. Read only: every change goes through {@link Ledger}.
 */
@Component
public class OpenRequests {

    private static final String AWAITING_REPLY = RequestState.sqlList(RequestState.AWAITING_REPLY);

    private final JdbcClient jdbc;

    public OpenRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A request still waiting for a reply or a signature, with the deadline it waits on. */
    public record OpenRequest(String requestId, RequestType type, Priority priority, Direction direction,
            RequestState state, OffsetDateTime replyDue, OffsetDateTime signForDue) {
    }

    /** Every request still waiting (for the daily digest), soonest deadline first. */
    public List<OpenRequest> openRequests() {
        return jdbc.sql("""
                SELECT request_id, type, priority, direction, state, reply_due_at, sign_due_at FROM cooperation_request
                WHERE state IN %s AND reply_due_at IS NOT NULL
                ORDER BY reply_due_at""".formatted(AWAITING_REPLY))
                .query((rs, n) -> new OpenRequest(rs.getString(1), RequestType.valueOf(rs.getString(2)),
                        Priority.valueOf(rs.getString(3)), Direction.valueOf(rs.getString(4)),
                        RequestState.valueOf(rs.getString(5)), utc(rs, "reply_due_at"), utc(rs, "sign_due_at")))
                .list();
    }

    /** A request still waiting, with what the dashboard needs to say whom it waits on. */
    public record Waiting(String requestId, RequestType type, Priority priority, Direction direction,
            RequestState state, String requestingRoom, String targetRegion, String platform, String fromRegion,
            String fromUnitName, String signedBy, OffsetDateTime replyDue, OffsetDateTime signForDue) {

        /** The deadline it waits on now: signing for while a request to us is unsigned, else the reply. */
        public OffsetDateTime deadline() {
            return state == RequestState.RECEIVED && signForDue != null ? signForDue : replyDue;
        }
    }

    /** Every request still waiting with a deadline due before {@code dueBefore}, soonest first. */
    public List<Waiting> waiting(OffsetDateTime dueBefore) {
        return jdbc.sql("""
                SELECT request_id, type, priority, direction, state, requesting_room, target_region, platform,
                    from_region, from_unit_name, signed_by, reply_due_at, sign_due_at FROM cooperation_request
                WHERE state IN %s
                  AND (reply_due_at < ? OR (state = 'RECEIVED' AND sign_due_at < ?))
                ORDER BY reply_due_at""".formatted(AWAITING_REPLY))
                .params(utcOf(dueBefore), utcOf(dueBefore))
                .query((rs, n) -> new Waiting(rs.getString(1), RequestType.valueOf(rs.getString(2)),
                        Priority.valueOf(rs.getString(3)), Direction.valueOf(rs.getString(4)),
                        RequestState.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), utc(rs, "reply_due_at"),
                        utc(rs, "sign_due_at")))
                .list();
    }

    /** Requests by direction and state, every request counted once. */
    public record StateCount(Direction direction, RequestState state, long count) {
    }

    public List<StateCount> countsByDirectionAndState() {
        return jdbc.sql("SELECT direction, state, COUNT(*) FROM cooperation_request GROUP BY direction, state")
                .query((rs, n) -> new StateCount(Direction.valueOf(rs.getString(1)), RequestState.valueOf(rs.getString(2)),
                        rs.getLong(3)))
                .list();
    }
}
