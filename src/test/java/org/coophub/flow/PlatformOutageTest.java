package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.BEIJING_HAIDIAN;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A platform that is down holds its requests back, and only its own; they go out once it is back. */
class PlatformOutageTest {

    @TempDir
    Path dir;

    @Test
    void requestsWaitForAPlatformThatIsDownAndArePublishedOnceItIsBack() {
        try (Hub hub = Hub.start(dir)) {
            hub.simulator().stop("national");

            assertThat(hub.post("/api/requests", recordCheck("OUT-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            assertThat(hub.post("/api/requests", recordCheck("OUT-2", BEIJING_HAIDIAN)).statusCode()).isEqualTo(202);

            // the provincial platform is not held up by the national one
            await().until(() -> Files.exists(hub.inbound("provincial").resolve("OUT-2.json")));
            await().until(() -> hub.ledger().find("OUT-1").orElseThrow().publishAttempts() >= 3);
            LedgerEntry waiting = hub.ledger().find("OUT-1").orElseThrow();
            assertThat(waiting.state()).isEqualTo(RequestState.RETRYING);
            assertThat(waiting.history()).filteredOn(h -> h.state().equals("RETRYING")).first()
                    .extracting(HistoryEntry::reason).asString().startsWith("publish attempt 1 failed:");

            hub.simulator().start("national");

            await().until(() -> hub.ledger().find("OUT-1").orElseThrow().state() == RequestState.PUBLISHED);
            assertThat(hub.inbound("national").resolve("OUT-1.json")).exists();
            LedgerEntry published = hub.ledger().find("OUT-1").orElseThrow();
            assertThat(published.history()).extracting(HistoryEntry::state).startsWith("ACCEPTED", "RETRYING")
                    .endsWith("PUBLISHED").containsOnlyOnce("PUBLISHED");
        }
    }
}
