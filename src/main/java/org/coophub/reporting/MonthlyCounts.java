package org.coophub.reporting;

import static org.coophub.ledger.Columns.utcOf;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.coophub.ledger.Direction;
import org.coophub.request.RequestType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ledger counted month by month, for the charts of the statistics page (/stats). */
@Component
public class MonthlyCounts {

    private final JdbcClient jdbc;

    public MonthlyCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Requests that entered the ledger in one month (local to {@code zone}), by direction and type. */
    public record MonthCount(YearMonth month, Direction direction, RequestType type, long count) {
    }

    /**
     * Requests accepted in [from, before), counted by the month of their acceptance in {@code zone}, direction and
     * type (GROUP BY in the database; the zone is a bound parameter, portable between H2 and PostgreSQL).
     */
    public List<MonthCount> countsByMonth(OffsetDateTime from, OffsetDateTime before, ZoneId zone) {
        return jdbc.sql("""
                SELECT y, m, direction, type, COUNT(*) FROM (
                    SELECT EXTRACT(YEAR FROM accepted_at AT TIME ZONE ?) AS y, EXTRACT(MONTH FROM accepted_at AT TIME ZONE ?) AS m,
                        direction, type FROM cooperation_request WHERE accepted_at >= ? AND accepted_at < ?) t
                GROUP BY y, m, direction, type ORDER BY y, m, direction, type""")
                .params(zone.getId(), zone.getId(), utcOf(from), utcOf(before))
                .query((rs, n) -> new MonthCount(YearMonth.of(rs.getInt(1), rs.getInt(2)),
                        Direction.valueOf(rs.getString(3)), RequestType.valueOf(rs.getString(4)), rs.getLong(5)))
                .list();
    }

    /** Replies given in one month that had a deadline, and how many of them came on time (late_seconds = 0). */
    public record MonthTimeliness(YearMonth month, long onTime, long withDeadline) {
    }

    /** Replies (both directions) given in [from, before), by the month of {@code repliedAt} in {@code zone}. */
    public List<MonthTimeliness> onTimeByMonth(OffsetDateTime from, OffsetDateTime before, ZoneId zone) {
        return jdbc.sql("""
                SELECT y, m, SUM(CASE WHEN late_seconds = 0 THEN 1 ELSE 0 END), COUNT(*) FROM (
                    SELECT EXTRACT(YEAR FROM replied_at AT TIME ZONE ?) AS y, EXTRACT(MONTH FROM replied_at AT TIME ZONE ?) AS m,
                        late_seconds FROM reply WHERE late_seconds IS NOT NULL AND replied_at >= ? AND replied_at < ?) t
                GROUP BY y, m ORDER BY y, m""")
                .params(zone.getId(), zone.getId(), utcOf(from), utcOf(before))
                .query((rs, n) -> new MonthTimeliness(YearMonth.of(rs.getInt(1), rs.getInt(2)), rs.getLong(3),
                        rs.getLong(4)))
                .list();
    }
}
