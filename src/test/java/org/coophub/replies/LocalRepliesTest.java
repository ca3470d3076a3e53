package org.coophub.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.coophub.intake.ArchiveNames;
import org.coophub.intake.Channel;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.NewReply;
import org.coophub.ledger.ReplyAdmission;
import org.coophub.ledger.RequestState;
import org.coophub.publishing.PublishQueue;
import org.coophub.support.PlatformSide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Two different replies of ours to one request at once (one by REST, one as a file), naming an attachment of the
 * same name: the one recorded keeps its attachment in the store, whatever the other wrote.
 */
class LocalRepliesTest {

    private static final String REQUEST = "SH-2026-90";

    @TempDir
    Path dir;

    private final Ledger ledger = mock(Ledger.class);
    private final TransactionTemplate transaction = mock(TransactionTemplate.class);
    /** The content hash of the reply the ledger holds, as the ledger's own check would see it. */
    private final AtomicReference<String> recorded = new AtomicReference<>();
    private final CountDownLatch restRecording = new CountDownLatch(1);
    private final CountDownLatch releaseRest = new CountDownLatch(1);
    private final CountDownLatch restDone = new CountDownLatch(1);
    private final CountDownLatch fileRecording = new CountDownLatch(1);

    @AfterEach
    void release() {
        releaseRest.countDown();
    }

    @Test
    void aSecondReplyWaitsForTheFirstAndDoesNotOverwriteItsAttachment() throws Exception {
        Path outbox = Files.createDirectories(dir.resolve("outbox"));
        Path store = dir.resolve("attachments");
        LocalReplies replies = new LocalReplies(Replies.parser(), ledger, mock(PublishQueue.class),
                new RepliesProperties(outbox, store, DataSize.ofMegabytes(1)), new ArchiveNames(Clock.systemUTC()),
                transaction, new RequestLocks());
        when(ledger.find(REQUEST)).thenReturn(Optional.of(inbound()));
        when(ledger.replyHash(REQUEST)).thenAnswer(call -> Optional.ofNullable(recorded.get()));
        when(ledger.recordReply(any(), eq(Direction.INBOUND), anyString())).thenAnswer(call -> {
            String hash = call.<NewReply>getArgument(0).contentHash();
            return new ReplyAdmission(recorded.compareAndSet(null, hash) ? ReplyAdmission.Outcome.RECORDED
                    : hash.equals(recorded.get()) ? ReplyAdmission.Outcome.DUPLICATE : ReplyAdmission.Outcome.CONFLICT,
                    "national");
        });
        // the REST reply stops just before it is recorded, with its attachment stored; the file reply, should it get
        // that far, is recorded only after the REST reply
        when(transaction.execute(any())).thenAnswer(call -> {
            if (Thread.currentThread().getName().equals("rest")) {
                restRecording.countDown();
                assertThat(releaseRest.await(10, TimeUnit.SECONDS)).isTrue();
            } else {
                fileRecording.countDown();
                assertThat(restDone.await(10, TimeUnit.SECONDS)).isTrue();
            }
            return call.<TransactionCallback<?>>getArgument(0).doInTransaction(null);
        });

        byte[] restTranscript = "笔录 as sent by REST".getBytes(StandardCharsets.UTF_8);
        byte[] fileTranscript = "笔录 as sent in a file".getBytes(StandardCharsets.UTF_8);
        byte[] restReply = reply(restTranscript);
        byte[] fileReply = reply(fileTranscript);
        drop(outbox, restTranscript);
        Thread rest = new Thread(() -> {
            try {
                replies.accept(REQUEST, restReply, Channel.REST, "POST /api/requests/" + REQUEST + "/reply");
            } finally {
                restDone.countDown();
            }
        }, "rest");
        rest.start();
        assertThat(restRecording.await(10, TimeUnit.SECONDS)).isTrue();

        // meanwhile the unit drops another transcript under the same name, and a reply file naming it
        drop(outbox, fileTranscript);
        AtomicReference<Throwable> fileOutcome = new AtomicReference<>();
        Thread file = new Thread(() -> {
            try {
                replies.accept(REQUEST, fileReply, Channel.FILE, "answer.json");
            } catch (RuntimeException e) {
                fileOutcome.set(e);
            }
        }, "file");
        file.start();
        // it waits for the request's lock (or, without one, has stored its attachment and waits to be recorded)
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ThreadInfo waiting = ManagementFactory.getThreadMXBean().getThreadInfo(file.getId());
            boolean onTheLock = waiting != null && waiting.getThreadState() == Thread.State.BLOCKED
                    && waiting.getLockOwnerId() == rest.getId();
            return onTheLock || fileRecording.getCount() == 0;
        });

        releaseRest.countDown();
        rest.join(TimeUnit.SECONDS.toMillis(10));
        file.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(recorded.get()).isEqualTo(ReplyJson.contentHash(Replies.parser().parse(restReply)));
        assertThat(fileOutcome.get()).isInstanceOf(ReplyRefusedException.class);
        assertThat(((ReplyRefusedException) fileOutcome.get()).reason()).isEqualTo(ReplyRefusedException.Reason.CONFLICT);
        assertThat(store.resolve(REQUEST).resolve("transcript.txt")).hasBinaryContent(restTranscript);
    }

    private static byte[] reply(byte[] transcript) {
        ObjectNode reply = Replies.minimal().put("requestId", REQUEST).put("result", "DONE");
        reply.putArray("attachments").addObject().put("name", "transcript.txt")
                .put("sha256", PlatformSide.sha256(transcript)).put("size", transcript.length);
        return Replies.bytes(reply);
    }

    /** As a unit does: written under another name, then renamed. */
    private static void drop(Path outbox, byte[] transcript) throws IOException {
        Path partial = Files.write(outbox.resolve("transcript.txt.tmp"), transcript);
        Files.move(partial, outbox.resolve("transcript.txt"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static LedgerEntry inbound() {
        return new LedgerEntry(REQUEST, Direction.INBOUND, null, null, null, null, null, "national", null,
                RequestState.SIGNED, null, null, null, 0, null, null, null, null, null, null, null, null, null, null,
                List.of());
    }
}
