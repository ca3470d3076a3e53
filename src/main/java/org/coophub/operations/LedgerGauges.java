package org.coophub.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.coophub.ledger.Direction;
import org.coophub.ledger.OpenRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.coophub.ledger.RequestState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges over the ledger, refreshed every {@code coophub.operations.metrics-refresh} by three grouped counts rather
 * than queried per scrape (a scrape then costs nothing, however often Prometheus comes):
 * <ul>
 * <li>{@code coophub_requests{direction,state}}: requests in the ledger;</li>
 * <li>{@code coophub_requests_overdue{direction}}: requests still waiting for a reply past their reply deadline;</li>
 * <li>{@code coophub_rejected_inputs{source}}: refused inputs kept on record (REST, FILE, JMS, PLATFORM).</li>
 * </ul>
 * They count the shared database, so every hub instance on it reports the same values.
 */
@Component
public class LedgerGauges {

    private static final Logger log = LoggerFactory.getLogger(LedgerGauges.class);
    private static final String WAITING = RequestState.sqlList(RequestState.AWAITING_REPLY);

    private final JdbcClient jdbc;
    private final OpenRequests openRequests;
    private final Clock clock;
    private final MultiGauge requests;
    private final MultiGauge overdue;
    private final MultiGauge rejected;

    public LedgerGauges(JdbcClient jdbc, OpenRequests openRequests, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.openRequests = openRequests;
        this.clock = clock;
        this.requests = MultiGauge.builder("coophub.requests")
                .description("Requests in the ledger by direction and state").register(registry);
        this.overdue = MultiGauge.builder("coophub.requests.overdue")
                .description("Requests still waiting for a reply after their reply deadline").register(registry);
        this.rejected = MultiGauge.builder("coophub.rejected.inputs")
                .description("Refused inputs on record (quarantined files and messages, refused REST calls and "
                        + "platform files) by source").register(registry);
    }

    @Scheduled(fixedDelayString = "${coophub.operations.metrics-refresh:5s}")
    public void refresh() {
        try {
            requests.register(requestRows(), true);
            overdue.register(overdueRows(), true);
            rejected.register(rows("SELECT source, COUNT(*) FROM rejected_input GROUP BY source", "source"), true);
        } catch (RuntimeException e) {
            // the database is unreachable: keep the last values; the db health component reports the outage
            log.warn("Ledger gauges not refreshed: {}", e.toString());
        }
    }

    private List<MultiGauge.Row<?>> requestRows() {
        return openRequests.countsByDirectionAndState().stream()
                .<MultiGauge.Row<?>>map(c -> MultiGauge.Row.of(
                        Tags.of("direction", c.direction().name(), "state", c.state().name()), c.count()))
                .toList();
    }

    /** Both directions always, 0 included: an alert rule on this gauge must see 0, not a missing series. */
    private List<MultiGauge.Row<?>> overdueRows() {
        Map<Direction, Long> counts = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            counts.put(direction, 0L);
        }
        jdbc.sql("SELECT direction, COUNT(*) FROM cooperation_request WHERE state IN " + WAITING
                        + " AND reply_due_at < ? GROUP BY direction")
                .param(OffsetDateTime.now(clock))
                .query(rs -> {
                    counts.put(Direction.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("direction", e.getKey().name()), e.getValue()))
                .toList();
    }

    private List<MultiGauge.Row<?>> rows(String sql, String... tagNames) {
        return jdbc.sql(sql).<MultiGauge.Row<?>>query((rs, n) -> {
            String[] tags = new String[tagNames.length * 2];
            for (int i = 0; i < tagNames.length; i++) {
                tags[2 * i] = tagNames[i];
                tags[2 * i + 1] = rs.getString(i + 1);
            }
            return MultiGauge.Row.of(Tags.of(tags), rs.getLong(tagNames.length + 1));
        }).list();
    }
}
