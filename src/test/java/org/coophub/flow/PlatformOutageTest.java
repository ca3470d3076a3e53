package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformUploads.Upload.RENAMED_INTO_PLACE_ONCE;
import static org.coophub.support.Requests.BEIJING_HAIDIAN;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RequestState;
import org.coophub.support.Archived;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.core.JmsTemplate;

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
            // every failed attempt left nothing behind; the one that got through renamed the file into place once
            assertThat(hub.settledUpload("national", "OUT-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
            assertThat(hub.settledUpload("provincial", "OUT-2")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
        }
    }

    @Test
    void theSameRequestSentAgainWhileItWaitsForItsPlatformIsUploadedOnce() throws Exception {
        try (Hub hub = Hub.start(dir)) {
            hub.simulator().stop("national");
            String request = recordCheck("OUT-DUP-1", SHANGHAI_XUHUI);
            assertThat(hub.post("/api/requests", request).statusCode()).isEqualTo(202);
            await().until(() -> hub.ledger().find("OUT-DUP-1").orElseThrow().state() == RequestState.RETRYING);

            // the local systems send it again through every channel while it waits
            var again = hub.post("/api/requests", request);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).contains("\"duplicate\":true");
            hub.drop("OUT-DUP-1.json", request.getBytes(StandardCharsets.UTF_8));
            hub.bean(JmsTemplate.class).convertAndSend("coophub.requests.in", request);
            await().until(() -> Archived.copiesOf(hub.outbox(), "OUT-DUP-1.json").size() == 1);
            await().until(() -> hub.messagesOn("coophub.requests.in") == 0);
            assertThat(hub.ledger().find("OUT-DUP-1").orElseThrow().state()).isEqualTo(RequestState.RETRYING);

            hub.simulator().start("national");

            await().until(() -> hub.ledger().find("OUT-DUP-1").orElseThrow().state() == RequestState.PUBLISHED);
            assertThat(hub.settledUpload("national", "OUT-DUP-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
            assertThat(hub.ledger().find("OUT-DUP-1").orElseThrow().history()).extracting(HistoryEntry::state)
                    .containsOnlyOnce("ACCEPTED", "PUBLISHED");
        }
    }
}
