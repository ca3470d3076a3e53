package org.coophub.access;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coophub.intake.StorableText;
import org.coophub.ledger.GroupCommit;
import org.coophub.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit trail in the ledger database, queryable by ADMIN (GET /api/audit). */
@Component
public class AuditTrail {

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    public record Event(OffsetDateTime at, String username, String action, Outcome outcome, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final GroupCommit<Event, Void> events;

    public AuditTrail(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        // its own transaction: a refused action is recorded although the action itself rolls back
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = new GroupCommit<>(own, this::insert);
    }

    /**
     * Returns once the event is stored. Every API call is recorded, so the calls of a busy moment are stored
     * together, in one commit.
     */
    public void record(String username, String action, Outcome outcome, String detail) {
        events.submit(new Event(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), cut(username, 100),
                cut(action, 200), outcome, cut(detail, 1000)));
    }

    private Void insert(Event event) {
        jdbc.sql("INSERT INTO audit_event (at, username, action, outcome, detail) VALUES (?, ?, ?, ?, ?)")
                .params(event.at(), event.username(), event.action(), event.outcome().name(), event.detail())
                .update();
        return null;
    }

    public List<Event> find(String username, OffsetDateTime from, OffsetDateTime to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT at, username, action, outcome, detail FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (username != null) {
            sql.append(" AND username = ?");
            params.add(username);
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND at < ?");
            params.add(to);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(Math.max(1, Math.min(limit, 5000))).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Event(rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                        rs.getString(2), rs.getString(3), Outcome.valueOf(rs.getString(4)), rs.getString(5)))
                .list();
    }

    /**
     * What fits the column and the database can store, ID numbers masked: a failed login records the name as typed,
     * which may be an ID number, hold U+0000 (PostgreSQL refuses it, and the login would end in a 500) or be cut in
     * the middle of a surrogate pair.
     */
    private static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String storable = StorableText.escaped(PersonalData.maskText(text));
        if (storable.length() <= max) {
            return storable;
        }
        return storable.substring(0, Character.isLowSurrogate(storable.charAt(max)) ? max - 1 : max);
    }
}
