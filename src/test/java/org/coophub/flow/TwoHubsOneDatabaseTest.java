package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.coophub.alerts.AlertSweeper;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.coophub.support.MutableClock;
import org.coophub.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hub instances sweeping one PostgreSQL ledger send every alert step once between them. */
class TwoHubsOneDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void everyStepIsSentOnceWhicheverInstanceSendsIt() {
        MutableClock clock = new MutableClock(T0);
        String url = TestPostgres.newDatabaseUrl();
        String[] database = {"spring.datasource.url=" + url, "spring.datasource.username=postgres",
                "spring.datasource.password=", "coophub.alerts.schedule.repeat-every=0s",
                "coophub.alerts.schedule.batch=7"};
        try (Hub a = Hub.start(dirA, clock, database)) {
            String[] shared = concat(database, "coophub.alerts.mailbox.enabled=false",
                    "coophub.alerts.smtp.port=" + a.property("coophub.alerts.smtp.port"));
            try (Hub b = Hub.start(dirB, clock, shared)) {
                List<String> ids = IntStream.range(0, 30).mapToObj(n -> "TWO-" + n).toList();
                ids.forEach(id -> assertThat(a.post("/api/requests", recordCheck(id, SHANGHAI_XUHUI)).statusCode())
                        .isEqualTo(202));
                ids.forEach(id -> await().until(() -> a.ledger().find(id).orElseThrow().state() == RequestState.PUBLISHED));

                clock.set(T0.plus(Duration.ofDays(7)).plusSeconds(1));

                await().until(() -> AlertsTest.mails(a, "TWO-").size() == 60);
                a.bean(AlertSweeper.class).sweep();
                b.bean(AlertSweeper.class).sweep();
                List<AlertsTest.Mail> mails = AlertsTest.mails(a, "TWO-");
                assertThat(mails).hasSize(60);
                for (String id : ids) {
                    assertThat(mails).filteredOn(m -> m.subject().contains(" " + id + " "))
                            .extracting(m -> m.subject().contains("OVERDUE") ? "OVERDUE" : "DUE_SOON")
                            .containsExactlyInAnyOrder("DUE_SOON", "OVERDUE");
                }
            }
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
