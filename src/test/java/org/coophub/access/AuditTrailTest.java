package org.coophub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.coophub.support.TestH2;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class AuditTrailTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
    private DataSource ledger;
    private DataSourceTransactionManager transactions;
    private AuditTrail audit;

    @BeforeEach
    void migrate() {
        ledger = TestH2.newDatabase();
        Flyway.configure().dataSource(ledger)
                .locations("classpath:db/migration/h2", "classpath:db/migration/common").load().migrate();
        transactions = new DataSourceTransactionManager(ledger);
        audit = new AuditTrail(JdbcClient.create(ledger), clock, transactions);
    }

    @Test
    void anActionIsRecordedThoughItsOwnTransactionRollsBack() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("liaison", "POST /api/requests/X/sign", AuditTrail.Outcome.FAILURE, "HTTP 409");
            status.setRollbackOnly();
        });

        assertThat(audit.find("liaison", null, null, 10)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("POST /api/requests/X/sign");
            assertThat(event.outcome()).isEqualTo(AuditTrail.Outcome.FAILURE);
            assertThat(event.at()).isEqualTo(clock.instant().atOffset(ZoneOffset.UTC));
        });
    }

    @Test
    void callsRecordedTogetherAreEachStoredOnce() throws Exception {
        int callers = 16;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int c = 0; c < callers; c++) {
                String user = "system-" + c;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        audit.record(user, "POST /api/requests", AuditTrail.Outcome.SUCCESS, "HTTP 202 #" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(JdbcClient.create(ledger).sql("SELECT COUNT(DISTINCT username || detail) FROM audit_event")
                .query(Long.class).single()).isEqualTo((long) callers * each);
        assertThat(audit.find(null, null, null, 5000)).hasSize(callers * each);
    }
}
