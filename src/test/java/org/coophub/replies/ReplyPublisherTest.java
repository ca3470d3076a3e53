package org.coophub.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RecordedReply;
import org.coophub.ledger.RequestState;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformsProperties;
import org.coophub.request.Scope;
import org.coophub.request.Unit;
import org.coophub.simulator.PlatformSimulator;
import org.coophub.simulator.SimulatorProperties;
import org.coophub.support.Hub;
import org.coophub.support.PlatformSide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Our reply's attachments go out only as the reply declares them; against a simulated platform over real SFTP. */
class ReplyPublisherTest {

    private static final String REQUEST = "SH-2026-91";

    @TempDir
    Path dir;

    private final Ledger ledger = mock(Ledger.class);
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private PlatformSimulator simulator;
    private RepliesProperties replies;
    private ReplyPublisher publisher;

    /** A simulated national platform over real SFTP, and the publisher pointed at it. */
    @BeforeEach
    void start() {
        PlatformProperties national = platform(Scope.NATIONAL, Hub.freePort());
        simulator = new PlatformSimulator(new SimulatorProperties(true, dir.resolve("platforms"), dir.resolve("keys"),
                false), Map.of("national", national));
        replies = new RepliesProperties(dir.resolve("outbox"), dir.resolve("attachments"), DataSize.ofMegabytes(1));
        publisher = new ReplyPublisher(ledger, new PlatformsProperties(Map.of("national", national,
                "provincial", platform(Scope.PROVINCIAL, 1))), replies);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aStoredAttachmentThatIsNotTheOneDeclaredIsNotUploaded() throws Exception {
        byte[] declared = "笔录 as taken".getBytes(StandardCharsets.UTF_8);
        byte[] stored = "笔录 as found".getBytes(StandardCharsets.UTF_8);
        assertThat(stored).hasSameSizeAs(declared);
        Files.createDirectories(replies.attachmentsOf(REQUEST));
        Files.write(replies.attachmentsOf(REQUEST).resolve("transcript.txt"), stored);
        Reply reply = new Reply(REQUEST, new Unit("110105000000", "北京市公安局朝阳分局"), ReplyResult.DONE, null,
                OffsetDateTime.parse("2026-03-05T10:00:00+08:00"),
                List.of(new Attachment("transcript.txt", PlatformSide.sha256(declared), declared.length)));
        when(ledger.find(REQUEST)).thenReturn(Optional.of(answered(List.of("transcript.txt"))));
        when(ledger.replyPayload(REQUEST)).thenReturn(Optional.of(new String(ReplyJson.write(reply),
                StandardCharsets.UTF_8)));

        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(REQUEST);
        assertThatThrownBy(() -> publisher.prepare(exchange))
                .isInstanceOf(AttachmentMismatchException.class)
                .hasMessageContaining("attachment transcript.txt: sha256 is")
                .hasMessageContaining("but the reply declares " + PlatformSide.sha256(declared).substring(0, 12));
        Path ourReplies = simulator.root("national").resolve("our-replies");
        try (var published = Files.list(ourReplies)) {
            assertThat(published).isEmpty();
        }
    }

    /** The store's file changes after the check before the upload, while the upload opens its file on the platform. */
    @Test
    void aStoredAttachmentChangedWhileItIsUploadedIsNotPublished() throws Exception {
        byte[] declared = "笔录 as taken".getBytes(StandardCharsets.UTF_8);
        byte[] changed = "笔录 as found".getBytes(StandardCharsets.UTF_8);
        answerWith(REQUEST, declared);
        Path stored = replies.attachmentsOf(REQUEST).resolve("transcript.txt");
        SftpEventListener changeTheStoredFile = new SftpEventListener() {
            @Override
            public void open(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
                if (localHandle.getFile().getFileName().toString().equals("transcript.txt.part")) {
                    Files.write(stored, changed);
                }
            }
        };
        simulator.addSftpEventListener("national", changeTheStoredFile);

        assertThatThrownBy(() -> publisher.prepare(exchangeFor(REQUEST)))
                .isInstanceOf(AttachmentMismatchException.class)
                .hasMessageContaining("attachment transcript.txt: sha256 is "
                        + PlatformSide.sha256(changed).substring(0, 12))
                .hasMessageContaining("but the reply declares " + PlatformSide.sha256(declared).substring(0, 12));
        assertThat(stored).hasBinaryContent(changed);
        try (var published = Files.list(simulator.root("national").resolve("our-replies"))) {
            assertThat(published).isEmpty();
        }
    }

    /** Its good files would hold their names on the platform, and be read back at each retry, for nothing. */
    @Test
    void aReplyWithOneStoredAttachmentNotTheOneDeclaredUploadsNoneOfItsFiles() throws Exception {
        byte[] statement = "the statement as taken".getBytes(StandardCharsets.UTF_8);
        byte[] photo = "the photo as taken".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(replies.attachmentsOf(REQUEST));
        Files.write(replies.attachmentsOf(REQUEST).resolve("statement.txt"), statement);
        Files.writeString(replies.attachmentsOf(REQUEST).resolve("photo.jpg"), "the photo since changed");
        Reply reply = new Reply(REQUEST, new Unit("110105000000", "北京市公安局朝阳分局"), ReplyResult.DONE, null,
                OffsetDateTime.parse("2026-03-05T10:00:00+08:00"),
                List.of(new Attachment("statement.txt", PlatformSide.sha256(statement), statement.length),
                        new Attachment("photo.jpg", PlatformSide.sha256(photo), photo.length)));
        when(ledger.find(REQUEST)).thenReturn(Optional.of(answered(List.of("statement.txt", "photo.jpg"))));
        when(ledger.replyPayload(REQUEST)).thenReturn(Optional.of(new String(ReplyJson.write(reply),
                StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> publisher.prepare(exchangeFor(REQUEST)))
                .isInstanceOf(AttachmentMismatchException.class)
                .hasMessageContaining("attachment photo.jpg:");
        try (var published = Files.list(simulator.root("national").resolve("our-replies"))) {
            assertThat(published).isEmpty();
        }
    }

    @Test
    void aReplyWaitsRatherThanOverwriteAnotherRepliesAttachmentOfTheSameNameNotYetCollected() throws Exception {
        byte[] first = "the first case's transcript".getBytes(StandardCharsets.UTF_8);
        byte[] second = "the second case's transcript".getBytes(StandardCharsets.UTF_8);
        answerWith("SH-2026-92", first);
        answerWith("SH-2026-93", second);
        Path onPlatform = simulator.root("national").resolve("our-replies/transcript.txt");

        publisher.prepare(exchangeFor("SH-2026-92"));
        assertThat(onPlatform).hasBinaryContent(first);
        publisher.prepare(exchangeFor("SH-2026-92")); // a redelivery finds its own file there: nothing to wait for
        assertThatThrownBy(() -> publisher.prepare(exchangeFor("SH-2026-93")))
                .hasMessageContaining("taken on the platform by another reply's file, not yet collected");
        assertThat(onPlatform).hasBinaryContent(first);

        Files.delete(onPlatform); // the platform collects the first reply
        publisher.prepare(exchangeFor("SH-2026-93"));
        assertThat(onPlatform).hasBinaryContent(second);
    }

    @Test
    void aReplyDoesNotCountOnTheSameBytesAnotherReplyLeftThereItLeavesWithThatReply() throws Exception {
        byte[] form = "the standard form both replies send".getBytes(StandardCharsets.UTF_8);
        answerWith("SH-2026-94", form);
        answerWith("SH-2026-95", form);
        Path ourReplies = simulator.root("national").resolve("our-replies");

        publisher.prepare(exchangeFor("SH-2026-94"));
        Files.writeString(ourReplies.resolve("SH-2026-94.json"), "{\"requestId\": \"SH-2026-94\", \"attachments\":"
                + " [{\"name\": \"transcript.txt\"}]}"); // the route renames the reply into place after its files
        publisher.prepare(exchangeFor("SH-2026-94")); // a redelivery: its own reply names the file, no one else's
        Files.writeString(ourReplies.resolve("NOT-A-REPLY.json"), "{not json"); // claims nothing, stops nothing
        assertThatThrownBy(() -> publisher.prepare(exchangeFor("SH-2026-95")))
                .hasMessageContaining("taken on the platform by another reply's file");

        Files.delete(ourReplies.resolve("SH-2026-94.json")); // the platform collects the first reply and its file
        Files.delete(ourReplies.resolve("transcript.txt"));
        publisher.prepare(exchangeFor("SH-2026-95"));
        assertThat(ourReplies.resolve("transcript.txt")).hasBinaryContent(form);
    }

    private void answerWith(String requestId, byte[] transcript) throws Exception {
        Files.createDirectories(replies.attachmentsOf(requestId));
        Files.write(replies.attachmentsOf(requestId).resolve("transcript.txt"), transcript);
        Reply reply = new Reply(requestId, new Unit("110105000000", "北京市公安局朝阳分局"), ReplyResult.DONE, null,
                OffsetDateTime.parse("2026-03-05T10:00:00+08:00"),
                List.of(new Attachment("transcript.txt", PlatformSide.sha256(transcript), transcript.length)));
        when(ledger.find(requestId)).thenReturn(Optional.of(answered(requestId, List.of("transcript.txt"))));
        when(ledger.replyPayload(requestId)).thenReturn(Optional.of(new String(ReplyJson.write(reply),
                StandardCharsets.UTF_8)));
    }

    private Exchange exchangeFor(String requestId) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(requestId);
        return exchange;
    }

    private static LedgerEntry answered(List<String> attachments) {
        return answered(REQUEST, attachments);
    }

    private static LedgerEntry answered(String requestId, List<String> attachments) {
        RecordedReply reply = new RecordedReply(new Unit("110105000000", "北京市公安局朝阳分局"), "DONE", null, null, null,
                attachments, null);
        return new LedgerEntry(requestId, Direction.INBOUND, null, null, null, null, null, "national", null,
                RequestState.ANSWERED, null, null, null, 0, null, null, null, null, null, null, null, null, null, reply,
                List.of());
    }

    private PlatformProperties platform(Scope scope, int port) {
        return new PlatformProperties(scope, "localhost", port, "coophub", null, dir.resolve("keys/client_key"),
                null, dir.resolve("keys/known_hosts"),
                new PlatformProperties.Folders("inbound", "replies", "requests", "our-replies"), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 2, 2, Duration.ofSeconds(30));
    }
}
