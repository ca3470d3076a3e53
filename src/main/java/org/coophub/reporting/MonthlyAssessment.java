package org.coophub.reporting;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The monthly assessment of pre-trial rooms: for every room whose detentions are recorded for the month, its
 * publications that month (OUTBOUND requests it asked for, accepted in the month, every type) against
 * {@link AssessmentRule}. Rooms without a detention figure are not pre-trial rooms being assessed (investigation
 * teams publish too), so they are left out rather than scored against zero.
 */
@Component
public class MonthlyAssessment {

    private static final String ROOMS = """
            SELECT d.room, d.detentions, COALESCE(p.publications, 0)
            FROM room_detentions d
            LEFT JOIN (SELECT requesting_room, COUNT(*) AS publications FROM cooperation_request
                       WHERE direction = 'OUTBOUND' AND accepted_at >= ? AND accepted_at < ?
                       GROUP BY requesting_room) p ON p.requesting_room = d.room
            WHERE d.assessed_month = ?
            ORDER BY d.room""";

    private final JdbcClient jdbc;
    private final ZoneId zone;

    public MonthlyAssessment(JdbcClient jdbc, @Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    public record Room(String room, int detentions, long publications, long required, long difference, int score) {
    }

    public record Report(YearMonth month, List<Room> rooms) {
    }

    public Report report(YearMonth month) {
        Period period = Period.of(month);
        List<Room> rooms = jdbc.sql(ROOMS)
                .params(period.start(zone), period.end(zone), month.toString())
                .query((rs, n) -> room(rs.getString(1), rs.getInt(2), rs.getLong(3)))
                .list();
        return new Report(month, rooms);
    }

    private static Room room(String room, int detentions, long publications) {
        AssessmentRule.Result result = AssessmentRule.assess(publications, detentions);
        return new Room(room, detentions, publications, result.required(), result.difference(), result.score());
    }
}
