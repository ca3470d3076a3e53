package org.coophub.reporting;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.coophub.alerts.Labels;
import org.coophub.request.RequestType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts of the ledger by type and direction, for a period and the same period a year earlier. The database
 * counts (GROUP BY over the (direction, accepted_at) index), so a report reads no request rows into memory.
 */
@Component
public class StatisticsReport {

    // accepted_at is when the request entered the ledger: published by us (OUTBOUND) or received by us (INBOUND)
    private static final String PUBLISHED = """
            SELECT type, COUNT(*) FROM cooperation_request
            WHERE direction = 'OUTBOUND' AND accepted_at >= ? AND accepted_at < ?
            GROUP BY type""";
    private static final String RECEIVED_AND_REPLIED = """
            SELECT type, COUNT(*) FROM cooperation_request
            WHERE direction = 'INBOUND' AND accepted_at >= ? AND accepted_at < ? AND state IN ('ANSWERED', 'CLOSED')
            GROUP BY type""";

    private final JdbcClient jdbc;
    private final ZoneId zone;

    public StatisticsReport(JdbcClient jdbc, @Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    public Statistics report(Period period) {
        Period earlier = period.yearEarlier();
        return new Statistics(period, earlier,
                section(count(PUBLISHED, period), count(PUBLISHED, earlier)),
                section(count(RECEIVED_AND_REPLIED, period), count(RECEIVED_AND_REPLIED, earlier)));
    }

    private static Statistics.Section section(Map<RequestType, Long> now, Map<RequestType, Long> before) {
        List<Statistics.Line> lines = new ArrayList<>();
        long total = 0;
        long totalBefore = 0;
        for (RequestType type : RequestType.values()) {
            long count = now.getOrDefault(type, 0L);
            long earlier = before.getOrDefault(type, 0L);
            lines.add(Statistics.Line.of(type.name(), Labels.zh(type), count, earlier));
            total += count;
            totalBefore += earlier;
        }
        return new Statistics.Section(lines, Statistics.Line.of(Statistics.Line.TOTAL, "合计", total, totalBefore));
    }

    private Map<RequestType, Long> count(String sql, Period period) {
        Map<RequestType, Long> counts = new EnumMap<>(RequestType.class);
        jdbc.sql(sql).params(period.start(zone), period.end(zone))
                .query(rs -> {
                    counts.put(RequestType.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }
}
