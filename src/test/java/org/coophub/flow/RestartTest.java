package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.inboundRequest;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.PlatformUploads.Upload.RENAMED_INTO_PLACE_ONCE;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.coophub.intake.RequestJson;
import org.coophub.ledger.Direction;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.NewReply;
import org.coophub.ledger.NewRequest;
import org.coophub.ledger.RecordedReply;
import org.coophub.ledger.RequestState;
import org.coophub.replies.Reply;
import org.coophub.replies.ReplyJson;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Scope;
import org.apache.camel.CamelContext;
import org.coophub.support.Hub;
import org.coophub.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests accepted but not yet published survive a restart and are published exactly once after it. */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void queuedRequestsArePublishedAfterARestart() {
        Hub hub = Hub.start(dir);
        hub.simulator().stop("national");
        for (String id : List.of("RST-1", "RST-2", "RST-3")) {
            assertThat(hub.post("/api/requests", recordCheck(id, SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
        }
        await().until(() -> hub.ledger().find("RST-3").orElseThrow().publishAttempts() >= 1);

        try (Hub restarted = hub.restart()) {
            for (String id : List.of("RST-1", "RST-2", "RST-3")) {
                await().until(() -> restarted.ledger().find(id).orElseThrow().state() == RequestState.PUBLISHED);
                assertThat(restarted.inbound("national").resolve(id + ".json")).exists();
                assertThat(restarted.ledger().find(id).orElseThrow().history())
                        .extracting(HistoryEntry::state).containsOnlyOnce("PUBLISHED");
            }
            // the messages the broker kept and the ones the start re-enqueued from the ledger upload each file once
            for (String id : List.of("RST-1", "RST-2", "RST-3")) {
                assertThat(restarted.settledUpload("national", id)).as(id).isEqualTo(RENAMED_INTO_PLACE_ONCE);
            }
        }
    }

    @Test
    void aReplyTakenButNotYetDeliveredIsDeliveredExactlyOnceAfterARestart() throws Exception {
        Hub hub = Hub.start(dir);
        for (String id : List.of("RST-R1", "RST-R2")) {
            assertThat(hub.post("/api/requests", recordCheck(id, SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            await().until(() -> hub.ledger().find(id).orElseThrow().state() == RequestState.PUBLISHED);
        }
        // as if the hub died right after taking the reply: it is recorded and queued, not yet delivered
        hub.bean(CamelContext.class).getRouteController().stopRoute("deliver-replies");
        Path replies = hub.platformFolder("national", "replies");
        put(replies, "RST-R1.json", reply("RST-R1", "FOUND", null, null));
        await().until(() -> hub.ledger().find("RST-R1").orElseThrow().state() == RequestState.REPLIED);
        assertThat(hub.inbox().resolve("replies/RST-R1.json")).doesNotExist();

        try (Hub restarted = hub.restart()) {
            await().until(() -> Files.exists(restarted.inbox().resolve("replies/RST-R1.json")));
            await().until(() -> restarted.ledger().find("RST-R1").orElseThrow().reply().deliveredAt() != null);

            // the local system takes it; the platform offers the same reply again after the restart (a new file, of
            // another modification time): taken, not delivered twice
            Files.delete(restarted.inbox().resolve("replies/RST-R1.json"));
            put(replies, "RST-R1.json", reply("RST-R1", "FOUND", null, null));
            await().until(() -> !Files.exists(replies.resolve("RST-R1.json")));
            // delivery runs apart from the poll: by the time a reply taken after it is delivered, so would it be
            put(replies, "RST-R2.json", reply("RST-R2", "FOUND", null, null));
            await().until(() -> Files.exists(restarted.inbox().resolve("replies/RST-R2.json")));
            assertThat(restarted.inbox().resolve("replies/RST-R1.json")).doesNotExist();
            assertThat(restarted.ledger().history("RST-R1")).extracting(HistoryEntry::reason)
                    .filteredOn(reason -> reason.startsWith("reply delivered")).hasSize(1);
        }
    }

    /**
     * What the platform polls took is remembered in the ledger database (#platformPolls) by the file's platform,
     * folder, name, size and modification time: a platform that offers the very same file again has it left where
     * it is, also by a hub started since.
     */
    @ParameterizedTest(name = "ledger on {0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void aFileTakenBeforeARestartIsNotTakenAgainWhenThePlatformOffersItUnchanged(String database) throws Exception {
        String[] ledger = database.equals("H2") ? new String[0] : new String[] {
                "spring.datasource.url=" + TestPostgres.newDatabaseUrl(), "spring.datasource.username=postgres",
                "spring.datasource.password="};
        Hub hub = Hub.start(dir, ledger);
        Path replies = hub.platformFolder("national", "replies");
        Path requests = hub.platformFolder("national", "requests");
        Path deliveredReply = hub.inbox().resolve("replies/RST-I1.json");
        Path deliveredRequest = hub.inbox().resolve("requests/SH-RST-I1.json");
        List<HistoryEntry> replyHistory;
        List<HistoryEntry> requestHistory;
        try (hub) {
            for (String id : List.of("RST-I1", "RST-I2")) {
                assertThat(hub.post("/api/requests", recordCheck(id, SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
                await().until(() -> hub.ledger().find(id).orElseThrow().state() == RequestState.PUBLISHED);
            }
            put(replies, "RST-I1.json", reply("RST-I1", "FOUND", null, null));
            put(requests, "SH-RST-I1.json", inboundRequest("SH-RST-I1"));
            await().until(() -> hub.ledger().find("RST-I1").map(LedgerEntry::reply).map(RecordedReply::deliveredAt)
                    .isPresent() && hub.ledger().find("SH-RST-I1").map(LedgerEntry::deliveredAt).isPresent());
            await().until(() -> Files.exists(replies.resolve(".done/RST-I1.json"))
                    && Files.exists(requests.resolve(".done/SH-RST-I1.json")));
            // the local system takes them: a second delivery would bring them back
            Files.delete(deliveredReply);
            Files.delete(deliveredRequest);
            replyHistory = hub.ledger().history("RST-I1");
            requestHistory = hub.ledger().history("SH-RST-I1");
        }

        offerAgain(replies, "RST-I1.json");
        offerAgain(requests, "SH-RST-I1.json");
        try (Hub restarted = hub.restart()) {
            // the polls work: files put after them are taken and delivered
            put(replies, "RST-I2.json", reply("RST-I2", "FOUND", null, null));
            put(requests, "SH-RST-I2.json", inboundRequest("SH-RST-I2"));
            await().until(() -> Files.exists(restarted.inbox().resolve("replies/RST-I2.json"))
                    && Files.exists(restarted.inbox().resolve("requests/SH-RST-I2.json")));
            restarted.awaitWholePolls("national", "replies");
            restarted.awaitWholePolls("national", "requests");

            assertThat(replies.resolve("RST-I1.json")).exists();
            assertThat(requests.resolve("SH-RST-I1.json")).exists();
            assertThat(restarted.ledger().history("RST-I1")).isEqualTo(replyHistory);
            assertThat(restarted.ledger().history("SH-RST-I1")).isEqualTo(requestHistory);
            assertThat(deliveredReply).doesNotExist();
            assertThat(deliveredRequest).doesNotExist();
        }
    }

    /** Puts a taken file back where the platform first offered it, with the same size and modification time. */
    private static void offerAgain(Path folder, String name) throws Exception {
        Path taken = folder.resolve(".done").resolve(name);
        Path partial = Files.copy(taken, folder.resolve(name + ".part"));
        Files.setLastModifiedTime(partial, Files.getLastModifiedTime(taken));
        Path offered = Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.getLastModifiedTime(offered)).isEqualTo(Files.getLastModifiedTime(taken));
        assertThat(Files.size(offered)).isEqualTo(Files.size(taken));
    }

    @Test
    void aRequestStoredButNeverQueuedIsQueuedOnStart() throws Exception {
        try (Hub hub = Hub.start(dir)) {
            // as if the hub died between the ledger commit and the broker commit
            CooperationRequest request = RequestJson.read(recordCheck("RST-LOST-1", SHANGHAI_XUHUI)
                    .getBytes(StandardCharsets.UTF_8));
            hub.ledger().admit(NewRequest.outbound(request, Scope.NATIONAL, "national", "REST",
                    "0".repeat(64), new String(RequestJson.write(request, Scope.NATIONAL), StandardCharsets.UTF_8)),
                    "accepted via REST");

            try (Hub restarted = hub.restart()) {
                await().until(() -> Files.exists(restarted.inbound("national").resolve("RST-LOST-1.json")));
                await().until(() -> restarted.ledger().find("RST-LOST-1").orElseThrow().state() == RequestState.PUBLISHED);
                assertThat(restarted.settledUpload("national", "RST-LOST-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
            }
        }
    }

    @Test
    void ourReplyRecordedButNeverQueuedIsPublishedOnStart() throws Exception {
        try (Hub hub = Hub.start(dir)) {
            put(hub.platformFolder("national", "requests"), "SH-RST-1.json", inboundRequest("SH-RST-1"));
            await().until(() -> hub.ledger().find("SH-RST-1").map(e -> e.state() == RequestState.RECEIVED).orElse(false));
            assertThat(hub.post("/api/requests/SH-RST-1/sign", "").statusCode()).isEqualTo(200);
            // as if the hub died between the ledger commit of our reply and the broker commit of its message
            Reply answer = ReplyJson.read(reply("SH-RST-1", "DONE", null, null).getBytes(StandardCharsets.UTF_8));
            hub.ledger().recordReply(new NewReply(answer.requestId(), answer.replyingUnit(), answer.result().name(),
                    answer.repliedAt(), ReplyJson.contentHash(answer),
                    new String(ReplyJson.write(answer), StandardCharsets.UTF_8), List.of()), Direction.INBOUND,
                    "answered via REST");
            assertThat(hub.ledger().find("SH-RST-1").orElseThrow().state()).isEqualTo(RequestState.ANSWERED);

            try (Hub restarted = hub.restart()) {
                await().until(() -> restarted.ledger().find("SH-RST-1").orElseThrow().state() == RequestState.CLOSED);
                assertThat(restarted.platformFolder("national", "our-replies").resolve("SH-RST-1.json")).exists();
                assertThat(restarted.settledReplyUpload("national", "SH-RST-1.json")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
            }
        }
    }
}
