package org.coophub.reporting;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The detentions of each room per month (table room_detentions). A figure given again replaces the earlier one. */
@Component
public class DetentionStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public DetentionStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores all figures or none, so that a file is never half taken. */
    @Transactional
    public void putAll(Collection<DetentionFigure> figures, String source) {
        figures.forEach(figure -> put(figure, source));
    }

    /** @param source where the figure came from (e.g. "REST", "FILE march.csv"), kept for whoever checks it later */
    @Transactional
    public void put(DetentionFigure figure, String source) {
        // update, else insert: the same SQL on H2 and PostgreSQL. Two first figures for one room and month at the
        // same instant meet the primary key; the later one fails and can be sent again.
        if (update(figure, source) == 0) {
            jdbc.sql("""
                    INSERT INTO room_detentions (room, assessed_month, detentions, source, updated_at)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(figure.room(), figure.month().toString(), figure.detentions(), source, now())
                    .update();
        }
    }

    public Optional<DetentionFigure> find(String room, YearMonth month) {
        return jdbc.sql("SELECT detentions FROM room_detentions WHERE room = ? AND assessed_month = ?")
                .params(room, month.toString())
                .query((rs, n) -> new DetentionFigure(room, month, rs.getInt(1)))
                .optional();
    }

    private int update(DetentionFigure figure, String source) {
        return jdbc.sql("UPDATE room_detentions SET detentions = ?, source = ?, updated_at = ? WHERE room = ? AND assessed_month = ?")
                .params(figure.detentions(), source, now(), figure.room(), figure.month().toString())
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
