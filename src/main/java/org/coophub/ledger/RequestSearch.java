package org.coophub.ledger;

import static org.coophub.ledger.Columns.utc;
import static org.coophub.ledger.Columns.utcOf;

import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The request list: the ledger's requests searched by what a user typed, a page at a time. Read only. */
@Component
public class RequestSearch {

    private final JdbcClient jdbc;

    public RequestSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What the request list searches by; null (or blank) fields do not filter. {@code requestId} and
     * {@code requestingRoom} match anywhere in the value, {@code targetRegion} at its start (so "31" finds every
     * request to Shanghai); accepted times are a half-open span [acceptedFrom, acceptedBefore).
     */
    public record Search(String requestId, Direction direction, RequestType type, RequestState state,
            String requestingRoom, String targetRegion, OffsetDateTime acceptedFrom, OffsetDateTime acceptedBefore) {
    }

    /** One line of the request list. */
    public record Summary(String requestId, Direction direction, RequestType type, Priority priority, RequestState state,
            String requestingRoom, String targetRegion, String platform, OffsetDateTime acceptedAt,
            OffsetDateTime replyDue) {
    }

    public record Page(List<Summary> items, long total, int page, int size) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /**
     * A page of the requests matching {@code search}, newest first (page 0 first). The SQL is made only of fixed
     * fragments; every value the user typed is a bound parameter, wildcards in it escaped.
     */
    public Page search(Search search, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (!blank(search.requestId())) {
            where.append(" AND request_id LIKE ? ESCAPE '!'");
            params.add("%" + likeEscaped(search.requestId().strip()) + "%");
        }
        if (search.direction() != null) {
            where.append(" AND direction = ?");
            params.add(search.direction().name());
        }
        if (search.type() != null) {
            where.append(" AND type = ?");
            params.add(search.type().name());
        }
        if (search.state() != null) {
            where.append(" AND state = ?");
            params.add(search.state().name());
        }
        if (!blank(search.requestingRoom())) {
            where.append(" AND requesting_room LIKE ? ESCAPE '!'");
            params.add("%" + likeEscaped(search.requestingRoom().strip()) + "%");
        }
        if (!blank(search.targetRegion())) {
            where.append(" AND target_region LIKE ? ESCAPE '!'");
            params.add(likeEscaped(search.targetRegion().strip()) + "%");
        }
        if (search.acceptedFrom() != null) {
            where.append(" AND accepted_at >= ?");
            params.add(utcOf(search.acceptedFrom()));
        }
        if (search.acceptedBefore() != null) {
            where.append(" AND accepted_at < ?");
            params.add(utcOf(search.acceptedBefore()));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM cooperation_request" + where).params(params)
                .query(Long.class).single();
        List<Object> pageParams = new java.util.ArrayList<>(params);
        pageParams.add((long) page * size);
        pageParams.add(size);
        List<Summary> items = jdbc.sql("""
                SELECT request_id, direction, type, priority, state, requesting_room, target_region, platform, accepted_at,
                    reply_due_at FROM cooperation_request""" + where
                        + " ORDER BY accepted_at DESC, request_id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(pageParams)
                .query((rs, n) -> new Summary(rs.getString(1), Direction.valueOf(rs.getString(2)),
                        RequestType.valueOf(rs.getString(3)), Priority.valueOf(rs.getString(4)),
                        RequestState.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                        utc(rs, "accepted_at"), utc(rs, "reply_due_at")))
                .list();
        return new Page(items, total, page, size);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A LIKE pattern matching the text literally ('!' is the escape character). */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
