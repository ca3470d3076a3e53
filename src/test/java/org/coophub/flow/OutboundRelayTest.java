package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformUploads.Upload.RENAMED_INTO_PLACE_ONCE;
import static org.coophub.support.Requests.BEIJING_HAIDIAN;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.coophub.intake.Quarantine;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RejectedInput;
import org.coophub.ledger.RequestState;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.Scope;
import org.coophub.support.Archived;
import org.coophub.support.Hub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.core.JmsTemplate;

/** A local request reaches the right platform through each intake channel; bad input is set aside with its reason. */
class OutboundRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Hub hub;

    @BeforeAll
    static void startHub() {
        hub = Hub.start(dir);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void aRequestForAnotherProvinceIsPublishedOnTheNationalPlatform() throws Exception {
        var response = hub.post("/api/requests", recordCheck("REST-NAT-1", SHANGHAI_XUHUI));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(response.body());
        assertThat(receipt.get("requestId").asText()).isEqualTo("REST-NAT-1");
        assertThat(receipt.get("state").asText()).isEqualTo("ACCEPTED");

        Path published = hub.inbound("national").resolve("REST-NAT-1.json");
        await().until(() -> Files.exists(published));
        JsonNode file = JSON.readTree(Files.readString(published, StandardCharsets.UTF_8));
        assertThat(file.get("requestId").asText()).isEqualTo("REST-NAT-1");
        assertThat(file.get("scope").asText()).isEqualTo("NATIONAL");
        assertThat(file.get("subjects").get(0).get("name").asText()).isEqualTo("张三");
        assertThat(Files.exists(hub.inbound("provincial").resolve("REST-NAT-1.json"))).isFalse();

        LedgerEntry entry = awaitState("REST-NAT-1", RequestState.PUBLISHED);
        assertThat(entry.scope()).isEqualTo(Scope.NATIONAL);
        assertThat(entry.platform()).isEqualTo("national");
        assertThat(entry.history()).extracting(HistoryEntry::state).containsExactly("ACCEPTED", "PUBLISHED");
        // written under a temporary name and renamed into the inbound folder, once: never half a file, never twice
        assertThat(hub.settledUpload("national", "REST-NAT-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);

        JsonNode lookup = JSON.readTree(hub.get("/api/requests/REST-NAT-1").body());
        assertThat(lookup.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(lookup.get("scope").asText()).isEqualTo("NATIONAL");
        assertThat(lookup.get("platform").asText()).isEqualTo("national");
        assertThat(lookup.get("history")).hasSize(2);
        assertThat(lookup.get("history").get(1).get("reason").asText()).contains("REST-NAT-1.json");
        assertThat(lookup.get("history").get(0).get("at").asText()).isNotBlank();
    }

    @Test
    void aRequestWithinTheProvinceIsPublishedOnTheProvincialPlatform() {
        assertThat(hub.post("/api/requests", recordCheck("REST-PROV-1", BEIJING_HAIDIAN)).statusCode()).isEqualTo(202);

        await().until(() -> Files.exists(hub.inbound("provincial").resolve("REST-PROV-1.json")));
        assertThat(awaitState("REST-PROV-1", RequestState.PUBLISHED).scope()).isEqualTo(Scope.PROVINCIAL);
        assertThat(Files.exists(hub.inbound("national").resolve("REST-PROV-1.json"))).isFalse();
        assertThat(hub.settledUpload("provincial", "REST-PROV-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
    }

    @Test
    void theSameRequestTwiceIsAcceptedOnceAndADifferentOneWithTheSameIdIsAConflict() throws Exception {
        String request = recordCheck("REST-DUP-1", SHANGHAI_XUHUI);
        assertThat(hub.post("/api/requests", request).statusCode()).isEqualTo(202);
        awaitState("REST-DUP-1", RequestState.PUBLISHED);

        var again = hub.post("/api/requests", request.replace("\n", " "));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();

        var changed = hub.post("/api/requests", request.replace("核查户籍及前科", "只查户籍"));
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(changed.body()).get("errors").get(0).get("field").asText()).isEqualTo("requestId");

        assertThat(hub.ledger().find("REST-DUP-1").orElseThrow().history())
                .extracting(HistoryEntry::state).containsExactly("ACCEPTED", "PUBLISHED");
        assertThat(hub.settledUpload("national", "REST-DUP-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
    }

    @Test
    void theSameRequestDroppedTwiceInTheOutboxIsUploadedOnce() {
        byte[] request = recordCheck("FILE-DUP-1", SHANGHAI_XUHUI).getBytes(StandardCharsets.UTF_8);
        hub.drop("FILE-DUP-1.json", request);
        awaitState("FILE-DUP-1", RequestState.PUBLISHED);
        await().until(() -> Files.notExists(hub.outbox().resolve("FILE-DUP-1.json")));

        hub.drop("FILE-DUP-1.json", request);
        // taken and archived like the first, as a duplicate
        await().until(() -> Archived.copiesOf(hub.outbox(), "FILE-DUP-1.json").size() == 2);
        await().until(() -> Files.notExists(hub.outbox().resolve("FILE-DUP-1.json")));

        assertThat(hub.settledUpload("national", "FILE-DUP-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
        assertThat(hub.ledger().find("FILE-DUP-1").orElseThrow().history())
                .extracting(HistoryEntry::state).containsExactly("ACCEPTED", "PUBLISHED");
    }

    @Test
    void theSameRequestSentTwiceOnTheQueueIsUploadedOnce() {
        JmsTemplate jms = hub.bean(JmsTemplate.class);
        jms.convertAndSend("coophub.requests.in", recordCheck("JMS-DUP-1", BEIJING_HAIDIAN));
        awaitState("JMS-DUP-1", RequestState.PUBLISHED);
        long deadLettered = hub.messagesOn("coophub.requests.rejected");

        jms.convertAndSend("coophub.requests.in", recordCheck("JMS-DUP-1", BEIJING_HAIDIAN));
        // taken off the queue as a duplicate, not dead-lettered
        await().until(() -> hub.messagesOn("coophub.requests.in") == 0);
        assertThat(hub.messagesOn("coophub.requests.rejected")).isEqualTo(deadLettered);

        assertThat(hub.settledUpload("provincial", "JMS-DUP-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
        assertThat(hub.ledger().find("JMS-DUP-1").orElseThrow().history())
                .extracting(HistoryEntry::state).containsExactly("ACCEPTED", "PUBLISHED");
    }

    @Test
    void aBadRequestIsRefusedWithEveryBrokenRule() throws Exception {
        String bad = recordCheck("REST-BAD-1", "990000").replace("\"RECORD_CHECK\"", "\"RECORD_CHEK\"");

        var response = hub.post("/api/requests", bad);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors.findValuesAsText("field")).contains("type", "targetRegion");
        assertThat(errors.findValuesAsText("rule")).contains("enum", "region");
        assertThat(hub.ledger().find("REST-BAD-1")).isEmpty();
        assertThat(hub.ledger().rejectedInputs(50)).extracting(RejectedInput::source).contains("REST");
    }

    @Test
    void textAtItsLimitInCharactersOutsideTheBasicPlaneIsStored() {
        String rare = "𠀀"; // one character, two UTF-16 units
        String request = recordCheck("RARE-1", SHANGHAI_XUHUI)
                .replace("\"预审一室\"", "\"" + rare.repeat(100) + "\"")
                .replace("\"京朝公(刑)字[2026]0042号\"", "\"" + rare.repeat(64) + "\"");
        assertThat(hub.post("/api/requests", request).statusCode()).isEqualTo(202);
        LedgerEntry entry = awaitState("RARE-1", RequestState.PUBLISHED);
        assertThat(entry.caseNumber()).isEqualTo(rare.repeat(64));
        assertThat(entry.requestingRoom()).isEqualTo(rare.repeat(100));
    }

    @Test
    void aRequestWhoseFileIsAlreadyOnThePlatformIsPublishedOverIt() throws IOException {
        // as after a crash between the upload's rename and the ledger's update: the redelivery finds its own file there
        Path inbound = hub.inbound("national");
        Files.createDirectories(inbound);
        Files.writeString(inbound.resolve("AGAIN-1.json"), "uploaded before the crash");
        assertThat(hub.post("/api/requests", recordCheck("AGAIN-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);

        awaitState("AGAIN-1", RequestState.PUBLISHED);
        assertThat(Files.readString(inbound.resolve("AGAIN-1.json"))).contains("\"requestId\":\"AGAIN-1\"");
        assertThat(hub.ledger().find("AGAIN-1").orElseThrow().publishAttempts()).isEqualTo(1);
        assertThat(hub.settledUpload("national", "AGAIN-1")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        byte[] gbk = recordCheck("REST-GBK-1", SHANGHAI_XUHUI).getBytes(Charset.forName("GBK"));

        var response = hub.post("/api/requests", gbk);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("utf-8");
    }

    @Test
    void anUnknownRequestIsNotFound() {
        assertThat(hub.get("/api/requests/NO-SUCH-REQUEST").statusCode()).isEqualTo(404);
    }

    @Test
    void aFileInTheOutboxIsPublishedAndArchived() {
        hub.drop("FILE-OK-1.json", recordCheck("FILE-OK-1", SHANGHAI_XUHUI).getBytes(StandardCharsets.UTF_8));

        await().until(() -> Files.exists(hub.inbound("national").resolve("FILE-OK-1.json")));
        await().until(() -> Archived.copiesOf(hub.outbox(), "FILE-OK-1.json").size() == 1);
        await().until(() -> Files.notExists(hub.outbox().resolve("FILE-OK-1.json")));
        assertThat(awaitState("FILE-OK-1", RequestState.PUBLISHED).source()).isEqualTo("FILE");
    }

    @Test
    void aFileNamedAfterAPersonIsRecordedWithTheIdNumberMasked() {
        String idNumber = IdNumberFixtures.valid("110105", "19900307", "451");
        hub.drop("statement-" + idNumber + ".json",
                recordCheck("FILE-ID-1", SHANGHAI_XUHUI).getBytes(StandardCharsets.UTF_8));

        LedgerEntry entry = awaitState("FILE-ID-1", RequestState.PUBLISHED);
        assertThat(entry.history()).extracting(HistoryEntry::reason)
                .anyMatch(reason -> reason.contains("statement-" + IdNumbers.mask(idNumber)))
                .noneMatch(reason -> reason.contains(idNumber));
    }

    @Test
    void twoFilesDroppedUnderOneNameAreBothArchived() throws IOException {
        hub.drop("request.json", recordCheck("FILE-SAME-1", SHANGHAI_XUHUI).getBytes(StandardCharsets.UTF_8));
        await().until(() -> Archived.copiesOf(hub.outbox(), "request.json").size() == 1);
        await().until(() -> Files.notExists(hub.outbox().resolve("request.json")));
        hub.drop("request.json", recordCheck("FILE-SAME-2", SHANGHAI_XUHUI).getBytes(StandardCharsets.UTF_8));
        await().until(() -> Archived.copiesOf(hub.outbox(), "request.json").size() == 2);

        List<String> archived = new ArrayList<>();
        for (Path copy : Archived.copiesOf(hub.outbox(), "request.json")) {
            archived.add(JSON.readTree(copy.toFile()).get("requestId").asText());
        }
        assertThat(archived).containsExactlyInAnyOrder("FILE-SAME-1", "FILE-SAME-2");
        awaitState("FILE-SAME-2", RequestState.PUBLISHED);
    }

    @Test
    void aBadFileIsQuarantinedWithItsReasonAndTheNextFileStillGoesThrough() throws IOException {
        String badId = recordCheck("FILE-BAD-1", SHANGHAI_XUHUI).replaceFirst("(\"idNumber\": \"\\d{17})(.)\"", "$1Y\"");
        hub.drop("FILE-BAD-1.json", badId.getBytes(StandardCharsets.UTF_8));
        hub.drop("FILE-OK-2.json", recordCheck("FILE-OK-2", SHANGHAI_XUHUI).getBytes(StandardCharsets.UTF_8));

        Path reason = hub.quarantine().resolve("FILE-BAD-1.json.error.txt");
        await().until(() -> Files.exists(reason));
        assertThat(hub.quarantine().resolve("FILE-BAD-1.json")).exists();
        String text = Files.readString(reason);
        assertThat(text).contains("FILE-BAD-1.json", "subjects[0].idNumber", "id-check");
        assertThat(text).doesNotContain("19800101");
        // the outbox copy is removed when the file's exchange completes, just after the quarantine is written
        await().until(() -> Files.notExists(hub.outbox().resolve("FILE-BAD-1.json")));
        assertThat(hub.ledger().find("FILE-BAD-1")).isEmpty();

        await().until(() -> Files.exists(hub.inbound("national").resolve("FILE-OK-2.json")));
    }

    @Test
    void emptyAndOversizedFilesAreQuarantined() throws IOException {
        hub.drop("FILE-EMPTY.json", new byte[0]);
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        hub.drop("FILE-BIG.json", big);

        await().until(() -> Files.exists(hub.quarantine().resolve("FILE-BIG.json.error.txt")));
        await().until(() -> Files.exists(hub.quarantine().resolve("FILE-EMPTY.json.error.txt")));
        assertThat(Files.readString(hub.quarantine().resolve("FILE-EMPTY.json.error.txt"))).contains("empty");
        assertThat(Files.readString(hub.quarantine().resolve("FILE-BIG.json.error.txt"))).contains("size");
        assertThat(Files.size(hub.quarantine().resolve("FILE-BIG.json"))).isEqualTo(big.length);
    }

    @Test
    void aFileWhoseKeysCouldNotBeStoredIsQuarantinedWithThemEscapedInItsReason() throws IOException {
        hub.drop("FILE-KEYS.json", "{\"\\ud800\": 1, \"a\\u0000b\": 2}".getBytes(StandardCharsets.UTF_8));

        Path reason = hub.quarantine().resolve("FILE-KEYS.json.error.txt");
        await().until(() -> Files.exists(reason));
        assertThat(Files.readString(reason)).contains("\\uD800", "a\\u0000b", "unknown-field");
        assertThat(hub.ledger().rejectedInputs(10)).anySatisfy(refused -> assertThat(refused.toString())
                .contains("a\\u0000b"));
    }

    @Test
    void aJmsMessageWithoutABodyIsDeadLetteredAsEmpty() throws Exception {
        JmsTemplate jms = new JmsTemplate(hub.bean(ConnectionFactory.class));
        jms.send("coophub.requests.in", session -> session.createTextMessage());

        jms.setReceiveTimeout(Duration.ofSeconds(10).toMillis());
        Message dead = jms.receiveSelected("coophub.requests.rejected", Quarantine.ERROR_PROPERTY + " LIKE '%empty%'");
        assertThat(dead).isNotNull();
        assertThat(dead.getStringProperty(Quarantine.ERROR_PROPERTY)).contains("empty");
    }

    @Test
    void aJmsMessageIsPublishedAndABadOneIsDeadLetteredWithItsReason() throws Exception {
        JmsTemplate jms = hub.bean(JmsTemplate.class);
        jms.convertAndSend("coophub.requests.in", recordCheck("JMS-OK-1", BEIJING_HAIDIAN));
        jms.convertAndSend("coophub.requests.in", "{\"requestId\": \"JMS-BAD-1\"} trailing");

        await().until(() -> Files.exists(hub.inbound("provincial").resolve("JMS-OK-1.json")));
        assertThat(awaitState("JMS-OK-1", RequestState.PUBLISHED).source()).isEqualTo("JMS");

        JmsTemplate receiver = new JmsTemplate(hub.bean(ConnectionFactory.class));
        receiver.setReceiveTimeout(Duration.ofSeconds(10).toMillis());
        Message dead = receiver.receiveSelected("coophub.requests.rejected",
                Quarantine.ERROR_PROPERTY + " LIKE '%trailing-data%'");
        assertThat(dead).isNotNull();
        byte[] original = new byte[(int) ((BytesMessage) dead).getBodyLength()];
        ((BytesMessage) dead).readBytes(original);
        assertThat(new String(original, StandardCharsets.UTF_8)).contains("JMS-BAD-1");
    }

    private static LedgerEntry awaitState(String requestId, RequestState state) {
        return await().until(() -> hub.ledger().find(requestId).orElse(null),
                entry -> entry != null && entry.state() == state);
    }

    static long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
