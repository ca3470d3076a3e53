package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.inboundRequest;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.PlatformUploads.Upload.RENAMED_INTO_PLACE_ONCE;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOnCompletion;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RejectedInput;
import org.coophub.ledger.RequestState;
import org.coophub.platform.PlatformArchiving;
import org.coophub.platform.PlatformRoutes;
import org.coophub.platform.PlatformsProperties;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.replies.PlatformRejects;
import org.coophub.support.Archived;
import org.coophub.support.Hub;
import org.coophub.support.LogCapture;
import org.coophub.support.PlatformSide;
import org.coophub.support.TopicListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;

/** Replies come back to the local system, requests from other regions go in, and our replies go out. */
class RoundTripTest {

    @TempDir
    static Path dir;
    static Hub hub;
    static TopicListener replyTopic;
    static TopicListener requestTopic;

    @BeforeAll
    static void startHub() throws Exception {
        hub = Hub.start(dir);
        replyTopic = new TopicListener(hub.bean(ConnectionFactory.class), "coophub.replies");
        requestTopic = new TopicListener(hub.bean(ConnectionFactory.class), "coophub.inbound-requests");
    }

    @AfterAll
    static void stopHub() throws Exception {
        replyTopic.close();
        requestTopic.close();
        hub.close();
    }

    @Test
    void aReplyWithAnAttachmentReachesTheLocalSystemOnce() throws Exception {
        publish("RT-1");
        byte[] statement = "询问笔录 statement of 张三".getBytes(StandardCharsets.UTF_8);
        Path replies = hub.platformFolder("national", "replies");
        put(replies, "RT-1-statement.txt", statement);
        put(replies, "RT-1.json", reply("RT-1", "FOUND", "RT-1-statement.txt", statement));

        Path delivered = hub.inbox().resolve("replies/RT-1.json");
        await().until(() -> Files.exists(delivered));
        assertThat(Files.readString(delivered)).contains("\"result\":\"FOUND\"", "RT-1-statement.txt");
        assertThat(hub.inbox().resolve("replies/RT-1/RT-1-statement.txt")).hasBinaryContent(statement);
        await().until(() -> replyTopic.received().stream().anyMatch(m -> m.contains("\"requestId\":\"RT-1\"")));
        await().until(() -> Files.exists(replies.resolve(".done/RT-1.json")));
        assertThat(replies.resolve(".done/RT-1-statement.txt")).exists();

        LedgerEntry entry = await().until(() -> hub.ledger().find("RT-1").orElseThrow(),
                e -> e.reply() != null && e.reply().deliveredAt() != null);
        assertThat(entry.state()).isEqualTo(RequestState.REPLIED);
        assertThat(entry.reply().attachments()).containsExactly("RT-1-statement.txt");

        // the local system takes it. The same reply again, laid out differently (a platform that sends twice): taken,
        // but neither recorded nor delivered again. (A file with the same name, size and modification second is the
        // same file to the poller, remembered in the ledger database, and is not taken a second time at all.)
        Files.delete(delivered);
        put(replies, "RT-1.json", reply("RT-1", "FOUND", "RT-1-statement.txt", statement).replace(", ", ",\n  "));
        await().until(() -> !Files.exists(replies.resolve("RT-1.json")));
        deliverAnotherReply("RT-1-NEXT");
        assertThat(delivered).doesNotExist();
        assertThat(hub.ledger().history("RT-1")).extracting(HistoryEntry::reason)
                .filteredOn(reason -> reason.startsWith("reply FOUND from") || reason.startsWith("reply delivered"))
                .hasSize(2);
        assertThat(replyTopic.received()).filteredOn(m -> m.contains("\"requestId\":\"RT-1\"")).hasSize(1);
    }

    @Test
    void repliesThatCannotBeTakenAreKeptAsideAndThePollGoesOn() {
        publish("RT-2");
        Path replies = hub.platformFolder("national", "replies");
        put(replies, "RT-2.json", reply("RT-2", "FOUND", null, null));
        await().until(() -> hub.ledger().find("RT-2").orElseThrow().state() == RequestState.REPLIED);

        put(replies, "RT-2-again.json", reply("RT-2", "NOT_FOUND", null, null));
        put(replies, "NOBODY.json", reply("NO-SUCH-REQUEST", "FOUND", null, null));
        put(replies, "BROKEN.json", "{\"requestId\": \"RT-2\", ");
        put(replies, "RT-3-bad.bin", "tampered".getBytes(StandardCharsets.UTF_8));
        publish("RT-3");
        put(replies, "RT-3.json", reply("RT-3", "FOUND", "RT-3-bad.bin", "original".getBytes(StandardCharsets.UTF_8)));
        publish("RT-7");
        put(replies, "RT-7.json",
                reply("RT-7", "FOUND", "RT-7-never-sent.pdf", "never".getBytes(StandardCharsets.UTF_8)));
        publish("RT-4");
        put(replies, "RT-4.json", reply("RT-4", "DONE", null, null));

        for (String kept : new String[] {"RT-2-again.json", "NOBODY.json", "BROKEN.json", "RT-3.json", "RT-7.json"}) {
            await().until(() -> Files.exists(replies.resolve(".error").resolve(kept)));
        }
        // not the bytes RT-3.json declares: it may be another reply's, so it stays where it is
        assertThat(replies.resolve("RT-3-bad.bin")).hasContent("tampered");
        assertThat(replies.resolve(".error/RT-3-bad.bin")).doesNotExist();
        await().until(() -> hub.ledger().find("RT-4").orElseThrow().state() == RequestState.REPLIED);
        assertThat(hub.ledger().find("RT-2").orElseThrow().reply().result()).isEqualTo("FOUND");
        assertThat(hub.ledger().find("RT-3").orElseThrow().state()).isEqualTo(RequestState.PUBLISHED);
        assertThat(hub.ledger().rejectedInputs(100)).extracting(RejectedInput::reason)
                .anyMatch(r -> r.contains("already has a different reply"))
                .anyMatch(r -> r.contains("NO-SUCH-REQUEST"))
                .anyMatch(r -> r.contains("[json]"))
                .anyMatch(r -> r.contains("RT-3-bad.bin") && r.contains("sha256"))
                .anyMatch(r -> r.contains("RT-7-never-sent.pdf") && r.contains("is not beside it"));
        assertThat(hub.ledger().find("RT-7").orElseThrow().state()).isEqualTo(RequestState.PUBLISHED);
    }

    /**
     * The reply's record carries the memory of its file (one commit), under the very key the poll checks: two keys
     * that disagree would leave two rows, and the poll would check the one written after the exchange.
     */
    @Test
    void aTakenReplyAndRequestAreEachRememberedOnceUnderTheKeyTheirPollChecks() {
        publish("RT-KEY");
        put(hub.platformFolder("national", "replies"), "RT-KEY.json", reply("RT-KEY", "FOUND", null, null));
        put(hub.platformFolder("national", "requests"), "SH-2026-KEY.json", inboundRequest("SH-2026-KEY"));
        // moved into .done once the exchange is complete, after Camel's own add
        await().until(() -> Files.exists(hub.platformFolder("national", "replies").resolve(".done/RT-KEY.json"))
                && Files.exists(hub.platformFolder("national", "requests").resolve(".done/SH-2026-KEY.json")));

        assertThat(JdbcClient.create(hub.bean(DataSource.class)).sql("SELECT messageId FROM CAMEL_MESSAGEPROCESSED"
                        + " WHERE messageId LIKE '%RT-KEY.json%' OR messageId LIKE '%SH-2026-KEY.json%'")
                .query(String.class).list())
                .hasSize(2)
                .anySatisfy(key -> assertThat(key).startsWith("national/replies/RT-KEY.json-"))
                .anySatisfy(key -> assertThat(key).startsWith("national/requests/SH-2026-KEY.json-"));
    }

    /**
     * A platform's file names come from another region and may carry an ID number: neither the hub's lines nor
     * Camel's about a file it keeps aside show it whole, nor does the request's history over the API.
     */
    @Test
    void aReplyFileNamedWithAnIdNumberIsShownMaskedInTheLogAndTheApi() {
        String idNumber = IdNumberFixtures.valid("110105", "19900307", "451");
        publish("RT-ID");
        Path replies = hub.platformFolder("national", "replies");
        try (LogCapture rollback = LogCapture.of(GenericFileOnCompletion.class);
                LogCapture keptAside = LogCapture.of(PlatformRejects.class)) {
            put(replies, "statement-" + idNumber + ".json", reply("RT-ID", "FOUND", null, null));
            put(replies, "nobody-" + idNumber + ".json", reply("NO-SUCH-ID", "FOUND", null, null));

            await().until(() -> Files.exists(replies.resolve(".error/nobody-" + idNumber + ".json")));
            await().until(() -> hub.ledger().find("RT-ID").orElseThrow().state() == RequestState.REPLIED);
            assertThat(keptAside.containing(IdNumbers.mask(idNumber))).isNotEmpty();
            assertThat(keptAside.containing(idNumber)).isEmpty();
            assertThat(rollback.containing(idNumber)).isEmpty();
        }
        assertThat(hub.get("/api/requests/RT-ID").body()).contains("statement-" + IdNumbers.mask(idNumber))
                .doesNotContain(idNumber);
    }

    /**
     * A request from another region that cannot be taken is kept aside in requests/.error on its platform, with its
     * reason in the ledger's refusals and the log; the files polled with it are taken.
     */
    @Test
    void requestsFromOtherRegionsThatCannotBeTakenAreKeptAsideAndThePollGoesOn() throws Exception {
        Path national = hub.platformFolder("national", "requests");
        Path provincial = hub.platformFolder("provincial", "requests");
        put(national, "SH-2026-90.json", inboundRequest("SH-2026-90"));
        await().until(() -> hub.ledger().find("SH-2026-90").map(LedgerEntry::deliveredAt).isPresent());
        List<HistoryEntry> history = hub.ledger().history("SH-2026-90");

        List<String> polls = new ArrayList<>(pollRoutes("requests", "national"));
        polls.addAll(pollRoutes("requests", "provincial"));
        CamelContext camel = hub.bean(CamelContext.class);
        try (LogCapture keptAside = LogCapture.of(PlatformRejects.class)) {
            // all there before the polls list them: the refusals come among files the same polls take
            for (String poll : polls) {
                camel.getRouteController().stopRoute(poll);
            }
            try {
                put(national, "SH-2026-90-changed.json",
                        inboundRequest("SH-2026-90").replace("请协助查找当事人并制作笔录", "请协助查找当事人"));
                put(national, "SH-2026-93.json", inboundRequest("SH-2026-93"));
                // from Shanghai to our Beijing bureau, across provinces: it belongs on the national platform
                put(provincial, "SH-2026-91.json", inboundRequest("SH-2026-91"));
                put(provincial, "BJ-2026-92.json", inboundRequest("BJ-2026-92").replace("310104", "110108")
                        .replace("上海市公安局徐汇分局", "北京市公安局海淀分局"));
            } finally {
                for (String poll : polls) {
                    camel.getRouteController().startRoute(poll);
                }
            }

            await().until(() -> Files.exists(national.resolve(".error/SH-2026-90-changed.json"))
                    && Files.exists(provincial.resolve(".error/SH-2026-91.json")));
            await().until(() -> Files.exists(hub.inbox().resolve("requests/SH-2026-93.json"))
                    && Files.exists(hub.inbox().resolve("requests/BJ-2026-92.json")));
            await().until(() -> Files.exists(national.resolve(".done/SH-2026-93.json"))
                    && Files.exists(provincial.resolve(".done/BJ-2026-92.json")));
            assertThat(hub.ledger().find("BJ-2026-92").orElseThrow().platform()).isEqualTo("provincial");
            assertThat(hub.ledger().find("SH-2026-91")).isEmpty();
            assertThat(hub.ledger().history("SH-2026-90")).isEqualTo(history);

            String conflict = "requestId: SH-2026-90 is already in the ledger with different content [unique]";
            String wrongPlatform = "fromRegion: a request from region 310104 to 110105 belongs on the NATIONAL platform"
                    + " but came on provincial (PROVINCIAL) [platform]";
            assertThat(hub.ledger().rejectedInputs(100))
                    .anySatisfy(refused -> {
                        assertThat(refused.inputName()).isEqualTo("national:requests/SH-2026-90-changed.json");
                        assertThat(refused.reason()).contains(conflict);
                    })
                    .anySatisfy(refused -> {
                        assertThat(refused.inputName()).isEqualTo("provincial:requests/SH-2026-91.json");
                        assertThat(refused.reason()).contains(wrongPlatform);
                    });
            assertThat(keptAside.containing("Kept aside national:requests/SH-2026-90-changed.json"))
                    .singleElement().satisfies(event -> assertThat(event.getFormattedMessage()).contains(conflict));
            assertThat(keptAside.containing("Kept aside provincial:requests/SH-2026-91.json"))
                    .singleElement().satisfies(event -> assertThat(event.getFormattedMessage()).contains(wrongPlatform));
        }
    }

    @Test
    void aRequestFromAnotherRegionIsDeliveredSignedForAndAnswered() throws Exception {
        put(hub.platformFolder("national", "requests"), "SH-2026-77.json", inboundRequest("SH-2026-77"));

        Path delivered = hub.inbox().resolve("requests/SH-2026-77.json");
        await().until(() -> Files.exists(delivered));
        assertThat(Files.readString(delivered)).contains("\"fromRegion\":\"310104\"", "李四");
        await().until(() -> requestTopic.received().stream().anyMatch(m -> m.contains("SH-2026-77")));
        assertThat(hub.ledger().find("SH-2026-77").orElseThrow().state()).isEqualTo(RequestState.RECEIVED);

        var signed = hub.post("/api/requests/SH-2026-77/sign", "{\"signedBy\": \"李警官\"}");
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(hub.ledger().find("SH-2026-77").orElseThrow().state()).isEqualTo(RequestState.SIGNED);

        byte[] transcript = "笔录 transcript".getBytes(StandardCharsets.UTF_8);
        put(hub.repliesOutbox(), "SH-2026-77-transcript.txt", transcript);
        String ours = reply("SH-2026-77", "DONE", "SH-2026-77-transcript.txt", transcript)
                .replace("310104000000", "110105000000").replace("上海市公安局徐汇分局", "北京市公安局朝阳分局");
        var answered = hub.post("/api/requests/SH-2026-77/reply", ours);
        assertThat(answered.statusCode()).isEqualTo(202);

        Path ourReplies = hub.platformFolder("national", "our-replies");
        await().until(() -> Files.exists(ourReplies.resolve("SH-2026-77.json")));
        assertThat(ourReplies.resolve("SH-2026-77-transcript.txt")).hasBinaryContent(transcript);
        await().until(() -> hub.ledger().find("SH-2026-77").orElseThrow().state() == RequestState.CLOSED);
        assertThat(hub.ledger().history("SH-2026-77")).extracting(HistoryEntry::state)
                .containsSubsequence("RECEIVED", "SIGNED", "ANSWERED", "CLOSED");
        // each file under a temporary name and renamed into place once; the attachment first, so the platform never
        // sees a reply naming a file that is not there yet
        assertThat(hub.settledReplyUpload("national", "SH-2026-77-transcript.txt")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
        assertThat(hub.settledReplyUpload("national", "SH-2026-77.json")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
        assertThat(hub.uploads().renameOrder(ourReplies.resolve("SH-2026-77-transcript.txt")))
                .as("order of the attachment's rename, before the reply's").isLessThan(hub.uploads().renameOrder(ourReplies.resolve("SH-2026-77.json")));

        assertThat(hub.post("/api/requests/SH-2026-77/reply", ours.replace("\"DONE\"", "\"REFUSED\"")).statusCode())
                .isEqualTo(409);
        assertThat(hub.post("/api/requests/NO-SUCH/sign", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void aReplyFileInTheLocalOutboxIsPublished() {
        put(hub.platformFolder("national", "requests"), "SH-2026-78.json", inboundRequest("SH-2026-78"));
        await().until(() -> hub.ledger().find("SH-2026-78").isPresent());

        put(hub.repliesOutbox(), "answer-78.json", reply("SH-2026-78", "NOT_FOUND", null, null)
                .replace("310104000000", "110105000000"));

        await().until(() -> Files.exists(hub.platformFolder("national", "our-replies").resolve("SH-2026-78.json")));
        await().until(() -> hub.ledger().find("SH-2026-78").orElseThrow().state() == RequestState.CLOSED);
        assertThat(Archived.copiesOf(hub.repliesOutbox(), "answer-78.json")).hasSize(1);
    }

    @Test
    void twoReplyFilesDroppedUnderOneNameAreBothArchivedEachWithItsAttachment() throws Exception {
        byte[] first = "笔录 one".getBytes(StandardCharsets.UTF_8);
        byte[] second = "笔录 two".getBytes(StandardCharsets.UTF_8);
        for (String requestId : List.of("SH-2026-81", "SH-2026-82")) {
            put(hub.platformFolder("national", "requests"), requestId + ".json", inboundRequest(requestId));
            await().until(() -> hub.ledger().find(requestId).isPresent());
        }

        dropOurReply("SH-2026-81", first);
        await().until(() -> Archived.copiesOf(hub.repliesOutbox(), "answer.json").size() == 1);
        await().until(() -> Files.notExists(hub.repliesOutbox().resolve("answer.json")));
        dropOurReply("SH-2026-82", second);
        await().until(() -> Archived.copiesOf(hub.repliesOutbox(), "answer.json").size() == 2);
        await().until(() -> Archived.copiesOf(hub.repliesOutbox(), "transcript.txt").size() == 2);

        // each attachment is archived with the stamp of the reply that named it
        for (Path reply : Archived.copiesOf(hub.repliesOutbox(), "answer.json")) {
            byte[] attachment = Files.readString(reply).contains("SH-2026-81") ? first : second;
            assertThat(hub.repliesOutbox().resolve(".done/transcript." + Archived.stampOf(reply) + ".txt"))
                    .hasBinaryContent(attachment);
        }

        // both name transcript.txt on the platform: the one published first holds the name until the platform
        // collects it, and the other waits for that (so it does not stay on the queue for the tests after this one)
        await().until(() -> closed("SH-2026-81") || closed("SH-2026-82"));
        String out = closed("SH-2026-81") ? "SH-2026-81" : "SH-2026-82";
        String waiting = out.equals("SH-2026-81") ? "SH-2026-82" : "SH-2026-81";
        assertThat(closed(waiting)).isFalse();
        Path ourReplies = hub.platformFolder("national", "our-replies");
        Files.delete(ourReplies.resolve(out + ".json"));
        Files.delete(ourReplies.resolve("transcript.txt"));
        await().until(() -> closed(waiting));
        assertThat(ourReplies.resolve("transcript.txt")).hasBinaryContent(waiting.equals("SH-2026-81") ? first : second);
    }

    private static boolean closed(String requestId) {
        return hub.ledger().find(requestId).orElseThrow().state() == RequestState.CLOSED;
    }

    @Test
    void ourReplyWhoseStoredAttachmentChangedWaitsWithItsReasonUntilTheFileIsPutRight() throws Exception {
        put(hub.platformFolder("national", "requests"), "SH-2026-83.json", inboundRequest("SH-2026-83"));
        await().until(() -> hub.ledger().find("SH-2026-83").isPresent());
        byte[] transcript = "笔录 transcript".getBytes(StandardCharsets.UTF_8);
        put(hub.repliesOutbox(), "SH-2026-83-transcript.txt", transcript);
        String ours = reply("SH-2026-83", "DONE", "SH-2026-83-transcript.txt", transcript)
                .replace("310104000000", "110105000000");

        CamelContext camel = hub.bean(CamelContext.class);
        camel.getRouteController().stopRoute("publish-reply-national");
        Path stored = dir.resolve("data/attachments/SH-2026-83/SH-2026-83-transcript.txt");
        try {
            assertThat(hub.post("/api/requests/SH-2026-83/reply", ours).statusCode()).isEqualTo(202);
            Files.writeString(stored, "笔录 changed!!");
        } finally {
            camel.getRouteController().startRoute("publish-reply-national");
        }

        await().until(() -> hub.ledger().history("SH-2026-83").stream().anyMatch(h -> h.reason().startsWith(
                "publishing our reply failed: attachment SH-2026-83-transcript.txt:")
                && h.reason().contains("sha256 is ") && h.reason().contains("but the reply declares")));
        Path ourReplies = hub.platformFolder("national", "our-replies");
        assertThat(ourReplies.resolve("SH-2026-83.json")).doesNotExist();
        assertThat(ourReplies.resolve("SH-2026-83-transcript.txt")).doesNotExist();

        Files.write(stored, transcript);
        await().until(() -> hub.ledger().find("SH-2026-83").orElseThrow().state() == RequestState.CLOSED);
        assertThat(ourReplies.resolve("SH-2026-83-transcript.txt")).hasBinaryContent(transcript);
        // the attempts refused before the upload left nothing; the one that went through sent each file once
        assertThat(hub.settledReplyUpload("national", "SH-2026-83-transcript.txt")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
        assertThat(hub.settledReplyUpload("national", "SH-2026-83.json")).isEqualTo(RENAMED_INTO_PLACE_ONCE);
    }

    /**
     * Units share the replies outbox and reuse attachment names. Our reply sent again (a client retrying) is a
     * duplicate and keeps nothing, so it archives a file of its attachment's name only if it holds the bytes it
     * declares: the one there now may be another unit's, dropped since for its own reply.
     */
    @Test
    void ourReplySentAgainLeavesAnotherRepliesAttachmentOfTheSameNameInTheOutbox() throws Exception {
        byte[] first = "笔录 for SH-2026-84".getBytes(StandardCharsets.UTF_8);
        byte[] second = "笔录 for SH-2026-85".getBytes(StandardCharsets.UTF_8);
        for (String requestId : List.of("SH-2026-84", "SH-2026-85")) {
            put(hub.platformFolder("national", "requests"), requestId + ".json", inboundRequest(requestId));
            await().until(() -> hub.ledger().find(requestId).isPresent());
        }
        Path statement = hub.repliesOutbox().resolve("statement.pdf");
        String firstReply = ourReply("SH-2026-84", "statement.pdf", first);
        put(hub.repliesOutbox(), "statement.pdf", first);
        assertThat(hub.post("/api/requests/SH-2026-84/reply", firstReply).body()).contains("\"duplicate\":false");
        assertThat(statement).doesNotExist();
        await().until(() -> closed("SH-2026-84"));

        put(hub.repliesOutbox(), "statement.pdf", second);
        assertThat(hub.post("/api/requests/SH-2026-84/reply", firstReply).body()).contains("\"duplicate\":true");
        assertThat(statement).hasBinaryContent(second);
        assertThat(hub.post("/api/requests/SH-2026-85/reply", ourReply("SH-2026-85", "statement.pdf", second))
                .statusCode()).isEqualTo(202);
        assertThat(dir.resolve("data/attachments/SH-2026-85/statement.pdf")).hasBinaryContent(second);
        assertThat(statement).doesNotExist();

        // sent again with its own file beside it, the duplicate archives that file
        put(hub.repliesOutbox(), "statement.pdf", first);
        assertThat(hub.post("/api/requests/SH-2026-84/reply", firstReply).body()).contains("\"duplicate\":true");
        assertThat(statement).doesNotExist();

        // the platform collects the first reply, whose statement.pdf held the name there; the second one follows
        Path ourReplies = hub.platformFolder("national", "our-replies");
        assertThat(ourReplies.resolve("statement.pdf")).hasBinaryContent(first);
        Files.delete(ourReplies.resolve("SH-2026-84.json"));
        Files.delete(ourReplies.resolve("statement.pdf"));
        await().until(() -> closed("SH-2026-85"));
        assertThat(ourReplies.resolve("statement.pdf")).hasBinaryContent(second);
    }

    private static String ourReply(String requestId, String attachmentName, byte[] attachment) {
        return reply(requestId, "DONE", attachmentName, attachment).replace("310104000000", "110105000000");
    }

    private static void dropOurReply(String requestId, byte[] transcript) {
        put(hub.repliesOutbox(), "transcript.txt", transcript);
        put(hub.repliesOutbox(), "answer.json", reply(requestId, "DONE", "transcript.txt", transcript)
                .replace("310104000000", "110105000000"));
    }

    @Test
    void aPollThatFindsThePlatformDownResumesWhenItIsBack() {
        publish("RT-5");
        Path replies = hub.platformFolder("national", "replies");
        hub.simulator().stop("national");
        try {
            // every route polling the replies has found the platform down (a consumer's count of polls failed since
            // its last good one)
            await().until(() -> pollRoutes("replies", "national").stream().allMatch(
                    route -> ((ScheduledPollConsumer) hub.bean(CamelContext.class).getRoute(route).getConsumer())
                            .getErrorCounter() > 0));
            put(replies, "RT-5.json", reply("RT-5", "FOUND", null, null));
        } finally {
            hub.simulator().start("national");
        }

        await().until(() -> hub.ledger().find("RT-5").orElseThrow().state() == RequestState.REPLIED);
        await().until(() -> Files.exists(hub.inbox().resolve("replies/RT-5.json")));
        await().until(() -> Files.exists(replies.resolve(".done/RT-5.json")));
        deliverAnotherReply("RT-5-NEXT");
        assertThat(hub.ledger().history("RT-5")).extracting(HistoryEntry::reason)
                .filteredOn(reason -> reason.startsWith("reply FOUND from") || reason.startsWith("reply delivered"))
                .hasSize(2);
        assertThat(replyTopic.received()).filteredOn(m -> m.contains("\"requestId\":\"RT-5\"")).hasSize(1);
    }

    /**
     * The platform's SSH session dropped while the hub downloads a reply's attachment: nothing half downloaded
     * reaches the attachment store or the local inbox, nothing is kept aside, and the reply stays on the platform;
     * once downloads go through again it is taken and delivered once, its attachment whole.
     */
    @Test
    void aReplyWhoseAttachmentDownloadIsCutOffStaysOnThePlatformUntilItGoesThrough() throws Exception {
        publish("RT-9");
        String name = "RT-9-recording.bin";
        byte[] recording = new byte[6 * 1024 * 1024];
        new Random(9).nextBytes(recording);
        AtomicBoolean cuttingOff = new AtomicBoolean(true);
        AtomicInteger cutOff = new AtomicInteger();
        SftpEventListener dropAfterAMegabyte = new SftpEventListener() {
            @Override
            public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                    byte[] data, int dataOffset, int dataLen, int readLen, Throwable thrown) throws IOException {
                if (cuttingOff.get() && localHandle.getFile().getFileName().toString().equals(name)
                        && offset >= 1024 * 1024) {
                    cutOff.incrementAndGet();
                    session.close(true);
                }
            }
        };
        Path replies = hub.platformFolder("national", "replies");
        Path stored = dir.resolve("data/attachments/RT-9");
        Path delivered = hub.inbox().resolve("replies/RT-9.json");
        List<String> polls = pollRoutes("replies", "national");
        CamelContext camel = hub.bean(CamelContext.class);
        double failedBefore = failedExchanges(polls);
        hub.simulator().addSftpEventListener("national", dropAfterAMegabyte);
        try {
            put(replies, name, recording);
            put(replies, "RT-9.json", reply("RT-9", "FOUND", name, recording));
            await().until(() -> cutOff.get() >= 1 && failedExchanges(polls) > failedBefore);
            // no attempt under way while the state is checked
            for (String poll : polls) {
                camel.getRouteController().stopRoute(poll);
            }
            assertThat(replies.resolve("RT-9.json")).exists();
            assertThat(replies.resolve(name)).exists();
            assertThat(replies.resolve(".error/RT-9.json")).doesNotExist();
            assertThat(replies.resolve(".error").resolve(name)).doesNotExist();
            assertThat(filesIn(stored)).isEmpty();
            assertThat(delivered).doesNotExist();
            assertThat(filesIn(hub.inbox().resolve("replies/RT-9"))).isEmpty();
            assertThat(hub.ledger().find("RT-9").orElseThrow().state()).isEqualTo(RequestState.PUBLISHED);
            assertThat(hub.ledger().rejectedInputs(100)).noneMatch(refused -> refused.inputName().contains("RT-9"));
        } finally {
            cuttingOff.set(false);
            hub.simulator().removeSftpEventListener("national", dropAfterAMegabyte);
            for (String poll : polls) {
                camel.getRouteController().startRoute(poll);
            }
        }

        await().until(() -> Files.exists(delivered));
        await().until(() -> Files.exists(replies.resolve(".done/RT-9.json")));
        deliverAnotherReply("RT-9-NEXT");
        assertThat(sha256(hub.inbox().resolve("replies/RT-9").resolve(name))).isEqualTo(PlatformSide.sha256(recording));
        assertThat(sha256(stored.resolve(name))).isEqualTo(PlatformSide.sha256(recording));
        assertThat(filesIn(stored)).containsExactly(stored.resolve(name));
        assertThat(replies.resolve(".done").resolve(name)).exists();
        assertThat(hub.ledger().history("RT-9")).extracting(HistoryEntry::reason)
                .filteredOn(reason -> reason.startsWith("reply FOUND from") || reason.startsWith("reply delivered"))
                .hasSize(2);
        assertThat(replyTopic.received()).filteredOn(m -> m.contains("\"requestId\":\"RT-9\"")).hasSize(1);
    }

    /**
     * Platforms reuse attachment names too. A reply offered again (under a new name, its first copy taken) is taken
     * as a duplicate and moves a file of its attachment's name into .done only if it holds the bytes it declares:
     * the one there now may be the next reply's, written before that reply's JSON.
     */
    @Test
    void aReplyOfferedAgainLeavesTheNextRepliesAttachmentOfTheSameNameForIt() throws Exception {
        publish("RT-10");
        publish("RT-11");
        byte[] first = "询问笔录 for RT-10".getBytes(StandardCharsets.UTF_8);
        byte[] next = "询问笔录 for RT-11".getBytes(StandardCharsets.UTF_8);
        Path replies = hub.platformFolder("national", "replies");
        put(replies, "statement.pdf", first);
        put(replies, "RT-10.json", reply("RT-10", "FOUND", "statement.pdf", first));
        await().until(() -> Files.exists(replies.resolve(".done/RT-10.json")));

        // offered again whole: its own file goes to .done with it
        put(replies, "statement.pdf", first);
        put(replies, "RT-10-again.json", reply("RT-10", "FOUND", "statement.pdf", first));
        await().until(() -> Files.exists(replies.resolve(".done/RT-10-again.json")));
        assertThat(replies.resolve("statement.pdf")).doesNotExist();

        // offered again while the next reply's statement.pdf waits for that reply's JSON
        put(replies, "statement.pdf", next);
        put(replies, "RT-10-once-more.json", reply("RT-10", "FOUND", "statement.pdf", first));
        await().until(() -> Files.exists(replies.resolve(".done/RT-10-once-more.json")));
        assertThat(replies.resolve("statement.pdf")).hasBinaryContent(next);
        assertThat(replies.resolve(".done/statement.pdf")).hasBinaryContent(first);

        put(replies, "RT-11.json", reply("RT-11", "FOUND", "statement.pdf", next));
        await().until(() -> Files.exists(hub.inbox().resolve("replies/RT-11.json")));
        assertThat(hub.inbox().resolve("replies/RT-11/statement.pdf")).hasBinaryContent(next);
        await().until(() -> Files.exists(replies.resolve(".done/RT-11.json")));
        assertThat(replies.resolve(".done/statement.pdf")).hasBinaryContent(next);
    }

    /**
     * A refused reply takes into .error only the attachments that hold the bytes it declares: a file of its
     * attachment's name that holds other bytes may be the next reply's, written before that reply's JSON.
     */
    @Test
    void aRefusedReplyLeavesTheNextRepliesAttachmentOfTheSameNameForIt() {
        publish("RT-12");
        byte[] note = "note of a reply to nothing we asked".getBytes(StandardCharsets.UTF_8);
        byte[] refused = "询问笔录 of a reply to nothing we asked".getBytes(StandardCharsets.UTF_8);
        byte[] next = "询问笔录 for RT-12".getBytes(StandardCharsets.UTF_8);
        Path replies = hub.platformFolder("national", "replies");
        put(replies, "RT-12-statement.pdf", next);
        put(replies, "NOBODY-12-note.txt", note);
        put(replies, "NOBODY-12.json", reply("NO-SUCH-REQUEST-12", "FOUND",
                Map.of("NOBODY-12-note.txt", note, "RT-12-statement.pdf", refused)));
        await().until(() -> Files.exists(replies.resolve(".error/NOBODY-12.json")));
        assertThat(replies.resolve(".error/NOBODY-12-note.txt")).hasBinaryContent(note);
        assertThat(replies.resolve("RT-12-statement.pdf")).hasBinaryContent(next);

        put(replies, "RT-12.json", reply("RT-12", "FOUND", "RT-12-statement.pdf", next));
        await().until(() -> Files.exists(hub.inbox().resolve("replies/RT-12.json")));
        assertThat(hub.inbox().resolve("replies/RT-12/RT-12-statement.pdf")).hasBinaryContent(next);
        assertThat(replies.resolve(".error/RT-12-statement.pdf")).doesNotExist();
    }

    private static double failedExchanges(List<String> routes) {
        return routes.stream().mapToDouble(hub::failedExchanges).sum();
    }

    /** The files in a folder; none if there is no such folder. */
    private static List<Path> filesIn(Path folder) throws IOException {
        if (Files.notExists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        return PlatformSide.sha256(Files.readAllBytes(file));
    }

    /**
     * A delivery's topic message, an intake's publish message: whatever a transacted route sends must commit with the
     * receive, in the consumer's own session, or a crash between two commits loses it.
     */
    @Test
    void everyTransactedJmsRouteCommitsItsReceiveAndItsSendsInOneSession() {
        List<JmsEndpoint> transacted = hub.bean(CamelContext.class).getRoutes().stream()
                .map(route -> route.getEndpoint())
                .filter(endpoint -> endpoint instanceof JmsEndpoint jms && jms.isTransacted())
                .map(JmsEndpoint.class::cast)
                .toList();
        assertThat(transacted).extracting(JmsEndpoint::getDestinationName)
                .contains("coophub.deliver.replies", "coophub.deliver.requests", "coophub.requests.in",
                        "coophub.publish.national", "coophub.publish.replies.national");
        // the sends join the listener's session only through the same connection factory
        ConnectionFactory templates = hub.bean("transactedJmsTemplate", JmsTemplate.class).getConnectionFactory();
        assertThat(transacted).allSatisfy(endpoint -> {
            assertThat(endpoint.getConfiguration().isLazyCreateTransactionManager()).as(endpoint.getEndpointUri())
                    .isFalse();
            assertThat(endpoint.getConfiguration().getTransactionManager()).as(endpoint.getEndpointUri()).isNull();
            assertThat(endpoint.isExposeListenerSession()).as(endpoint.getEndpointUri()).isTrue();
            assertThat(endpoint.getConfiguration().getConnectionFactory()).as(endpoint.getEndpointUri())
                    .isSameAs(templates);
        });
    }

    @Test
    void everyPlatformPollArchivesWithOneRenameAndPollsAgainWhileFilesKeepComing() {
        List<Route> polls = hub.bean(CamelContext.class).getRoutes().stream()
                .filter(route -> route.getRouteId().startsWith("poll-"))
                .toList();
        assertThat(polls).extracting(Route::getRouteId)
                .contains("poll-replies-national-1", "poll-requests-provincial-2");
        assertThat(polls).allSatisfy(route -> assertThat(((GenericFileEndpoint<?>) route.getEndpoint())
                .getProcessStrategy()).as(route.getRouteId()).isInstanceOf(PlatformArchiving.class));
        // a poll that took files polls again at once: files that came meanwhile do not wait a whole poll interval
        assertThat(polls).allSatisfy(route -> assertThat(((ScheduledPollConsumer) route.getConsumer()).isGreedy())
                .as(route.getRouteId()).isTrue());
    }

    /**
     * The hub stopped after the ledger noted a delivery and before the queue's commit, which held the topic message:
     * the file had been written (and the local system has taken it since), the topic message had not gone out.
     */
    @Test
    void aDeliveryNotedButNotCommittedSendsItsTopicMessageAndNoSecondFile() throws Exception {
        publish("RT-6");
        CamelContext camel = hub.bean(CamelContext.class);
        camel.getRouteController().stopRoute("deliver-replies");
        try {
            put(hub.platformFolder("national", "replies"), "RT-6.json", reply("RT-6", "DONE", null, null));
            await().until(() -> hub.ledger().find("RT-6").orElseThrow().state() == RequestState.REPLIED);
            assertThat(hub.ledger().markDelivered("RT-6", true, "the inbox, before the hub stopped")).isTrue();
        } finally {
            camel.getRouteController().startRoute("deliver-replies");
        }

        await().until(() -> replyTopic.received().stream().anyMatch(m -> m.contains("\"requestId\":\"RT-6\"")));
        assertThat(hub.inbox().resolve("replies/RT-6.json")).doesNotExist();
        assertThat(hub.ledger().history("RT-6")).extracting(HistoryEntry::reason)
                .filteredOn(reason -> reason.startsWith("reply delivered")).hasSize(1);
        assertThat(replyTopic.received()).filteredOn(m -> m.contains("\"requestId\":\"RT-6\"")).hasSize(1);
    }

    /** The broker's commit failed after the ledger's: the reply is recorded, its delivery never queued. */
    @Test
    void aReplyRecordedButNeverQueuedIsDeliveredWhenThePlatformOffersItAgain() throws Exception {
        publish("RT-8");
        CamelContext camel = hub.bean(CamelContext.class);
        Path replies = hub.platformFolder("national", "replies");
        camel.getRouteController().stopRoute("deliver-replies");
        try {
            put(replies, "RT-8.json", reply("RT-8", "FOUND", null, null));
            await().until(() -> hub.ledger().find("RT-8").orElseThrow().state() == RequestState.REPLIED);
            TextMessage queued = takeQueued("coophub.deliver.replies");
            assertThat(queued.getText()).isEqualTo("RT-8");
            // deliveries of one request go to one consumer at a time (DeliveryQueue)
            assertThat(queued.getStringProperty("JMSXGroupID")).isEqualTo("RT-8");
        } finally {
            camel.getRouteController().startRoute("deliver-replies");
        }
        await().until(() -> Files.exists(replies.resolve(".done/RT-8.json")));
        assertThat(hub.inbox().resolve("replies/RT-8.json")).doesNotExist();

        put(replies, "RT-8-again.json", reply("RT-8", "FOUND", null, null));
        await().until(() -> Files.exists(hub.inbox().resolve("replies/RT-8.json")));
        await().until(() -> replyTopic.received().stream().anyMatch(m -> m.contains("\"requestId\":\"RT-8\"")));
        assertThat(hub.ledger().history("RT-8")).extracting(HistoryEntry::reason)
                .filteredOn(reason -> reason.startsWith("reply delivered")).hasSize(1);
    }

    /** The same for a request from another region: recorded, its delivery lost, offered again by the platform. */
    @Test
    void aRequestRecordedButNeverQueuedIsDeliveredWhenThePlatformOffersItAgain() throws Exception {
        CamelContext camel = hub.bean(CamelContext.class);
        Path requests = hub.platformFolder("national", "requests");
        camel.getRouteController().stopRoute("deliver-requests");
        try {
            put(requests, "SH-2026-88.json", inboundRequest("SH-2026-88"));
            await().until(() -> hub.ledger().find("SH-2026-88").isPresent());
            TextMessage queued = takeQueued("coophub.deliver.requests");
            assertThat(queued.getText()).isEqualTo("SH-2026-88");
            assertThat(queued.getStringProperty("JMSXGroupID")).isEqualTo("SH-2026-88");
        } finally {
            camel.getRouteController().startRoute("deliver-requests");
        }
        await().until(() -> Files.exists(requests.resolve(".done/SH-2026-88.json")));
        assertThat(hub.inbox().resolve("requests/SH-2026-88.json")).doesNotExist();

        put(requests, "SH-2026-88-again.json", inboundRequest("SH-2026-88"));
        await().until(() -> Files.exists(hub.inbox().resolve("requests/SH-2026-88.json")));
        await().until(() -> requestTopic.received().stream().anyMatch(m -> m.contains("SH-2026-88")));
        assertThat(hub.ledger().find("SH-2026-88").orElseThrow().deliveredAt()).isNotNull();
    }

    /** Takes the next message off a queue, as if it had been lost before anyone delivered it. */
    private static TextMessage takeQueued(String queueName) throws JMSException {
        // the factory shares one connection: the consumer must be closed itself, or it goes on taking messages
        try (Connection connection = hub.bean(ConnectionFactory.class).createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer queue = session.createConsumer(session.createQueue(queueName))) {
            connection.start();
            return (TextMessage) queue.receive(10_000);
        }
    }

    /**
     * Publishes a request, puts its reply on the platform and waits until it is delivered. Delivery runs apart from
     * the poll: once a reply put after some event is delivered, so would be whatever that event queued for delivery.
     */
    private static void deliverAnotherReply(String requestId) {
        publish(requestId);
        put(hub.platformFolder("national", "replies"), requestId + ".json", reply(requestId, "DONE", null, null));
        await().until(() -> replyTopic.received().stream()
                .anyMatch(m -> m.contains("\"requestId\":\"" + requestId + "\"")));
    }

    /** The ids of the routes polling a platform's replies or requests folder. */
    private static List<String> pollRoutes(String folder, String platform) {
        return IntStream.rangeClosed(1, hub.bean(PlatformsProperties.class).get(platform).pollers())
                .mapToObj(n -> PlatformRoutes.pollRoute(folder, platform, n))
                .toList();
    }

    private static void publish(String requestId) {
        assertThat(hub.post("/api/requests", recordCheck(requestId, SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
        await().until(() -> hub.ledger().find(requestId).orElseThrow().state() == RequestState.PUBLISHED);
    }
}
