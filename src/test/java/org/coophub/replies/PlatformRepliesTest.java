package org.coophub.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.coophub.delivery.DeliveryQueue;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.ReplyAdmission;
import org.coophub.platform.TakenFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several routes poll a platform's replies folder side by side. Two reply files for the same request are taken one
 * after the other (neither may pass the check while the other is being recorded); replies to different requests
 * are not held up by each other.
 */
class PlatformRepliesTest {

    private static final String FIRST = "REQ-A";
    private static final String SECOND = "REQ-B";

    private final Ledger ledger = mock(Ledger.class);
    private final DeliveryQueue delivery = mock(DeliveryQueue.class);
    private final TransactionTemplate transaction = mock(TransactionTemplate.class);
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final CountDownLatch firstChecking = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        releaseFirst.countDown();
        camel.close();
    }

    @Test
    void twoFilesForOneRequestAreTakenOneAfterTheOtherWhileOtherRequestsGoOn() throws Exception {
        // on one lock stripe the two requests would wait for each other, and the test would prove nothing
        RequestLocks locks = new RequestLocks();
        assertThat(locks.of(FIRST)).isNotSameAs(locks.of(SECOND));
        PlatformReplies replies = new PlatformReplies(Replies.parser(), ledger, delivery, null, null, transaction, locks,
                mock(TakenFiles.class));
        when(transaction.execute(any()))
                .thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        when(ledger.recordReply(any(), eq(Direction.OUTBOUND), anyString()))
                .thenReturn(new ReplyAdmission(ReplyAdmission.Outcome.RECORDED, "national"));
        when(ledger.replyTarget(SECOND)).thenReturn(Optional.of(new Ledger.ReplyTarget(Direction.OUTBOUND, null, false)));
        when(ledger.replyTarget(FIRST)).thenAnswer(call -> {
            if (firstChecking.getCount() > 0) {
                firstChecking.countDown();
                assertThat(releaseFirst.await(10, TimeUnit.SECONDS)).isTrue();
            }
            return Optional.of(new Ledger.ReplyTarget(Direction.OUTBOUND, null, false));
        });

        Thread first = new Thread(() -> replies.receive(file(FIRST, "a.json")), "poll-1");
        first.start();
        assertThat(firstChecking.await(10, TimeUnit.SECONDS)).isTrue();

        Thread sameRequest = new Thread(() -> replies.receive(file(FIRST, "b.json")), "poll-2");
        sameRequest.start();
        // it waits for the lock the first one holds
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ThreadInfo waiting = ManagementFactory.getThreadMXBean().getThreadInfo(sameRequest.getId());
            return waiting != null && waiting.getThreadState() == Thread.State.BLOCKED
                    && waiting.getLockOwnerId() == first.getId();
        });

        // another request, polled meanwhile by a third route, is taken at once
        Thread otherRequest = new Thread(() -> replies.receive(file(SECOND, "c.json")), "poll-3");
        otherRequest.start();
        otherRequest.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(otherRequest.isAlive()).isFalse();
        verify(delivery).replyArrived(SECOND);
        verify(ledger, times(1)).replyTarget(FIRST);

        releaseFirst.countDown();
        first.join(TimeUnit.SECONDS.toMillis(10));
        sameRequest.join(TimeUnit.SECONDS.toMillis(10));
        verify(ledger, times(2)).replyTarget(FIRST);
        verify(delivery, times(2)).replyArrived(FIRST);
    }

    @Test
    void aRecordedReplyRemembersItsFileInsideItsOwnTransaction() {
        TakenFiles taken = mock(TakenFiles.class);
        PlatformReplies replies = new PlatformReplies(Replies.parser(), ledger, delivery, null, null, transaction,
                new RequestLocks(), taken);
        AtomicBoolean inTransaction = new AtomicBoolean();
        when(transaction.execute(any())).thenAnswer(call -> {
            inTransaction.set(true);
            try {
                return call.<TransactionCallback<?>>getArgument(0).doInTransaction(null);
            } finally {
                inTransaction.set(false);
            }
        });
        when(ledger.replyTarget(FIRST)).thenReturn(Optional.of(new Ledger.ReplyTarget(Direction.OUTBOUND, null, false)));
        when(ledger.recordReply(any(), eq(Direction.OUTBOUND), anyString()))
                .thenReturn(new ReplyAdmission(ReplyAdmission.Outcome.RECORDED, "national"));
        AtomicBoolean rememberedInside = new AtomicBoolean();
        doAnswer(call -> {
            rememberedInside.set(inTransaction.get());
            return null;
        }).when(taken).rememberWith("national/replies/a.json-120-1767225600000");
        Exchange exchange = file(FIRST, "a.json");
        exchange.setProperty(TakenFiles.POLL_KEY, "national/replies/a.json-120-1767225600000");

        replies.receive(exchange);

        assertThat(rememberedInside).isTrue();
    }

    private Exchange file(String requestId, String name) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(PlatformReplies.SOURCE, "national");
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
        exchange.getMessage().setBody(Replies.bytes(Replies.minimal().put("requestId", requestId)));
        return exchange;
    }
}
