package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.component.file.remote.SftpConsumer;
import org.coophub.ledger.RequestState;
import org.coophub.platform.PlatformsProperties;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A file the poll lists but cannot fetch (here a link to nowhere) does not make the greedy poll spin on it: the route
 * is held back a poll interval each time, and the files beside it are still taken.
 */
class UnfetchableFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatCannotBeFetchedHoldsThePollBackAnInterval() throws Exception {
        ListAppender<ILoggingEvent> failures = new ListAppender<>();
        Logger consumer = (Logger) LoggerFactory.getLogger(SftpConsumer.class);
        try (Hub hub = Hub.start(dir, "coophub.platforms.national.pollers=1")) {
            failures.start();
            consumer.addAppender(failures);
            Duration pollInterval = hub.bean(PlatformsProperties.class).get("national").pollInterval();
            Path replies = hub.platformFolder("national", "replies");
            Files.createDirectories(replies);
            Files.createSymbolicLink(replies.resolve("GONE.json"), replies.resolve("nowhere/GONE.json"));

            await().until(() -> attempts(failures).size() >= 4);
            List<ILoggingEvent> attempts = attempts(failures);
            for (int i = 1; i < attempts.size(); i++) {
                assertThat(attempts.get(i).getTimeStamp() - attempts.get(i - 1).getTimeStamp())
                        .as("time between two attempts").isGreaterThanOrEqualTo(pollInterval.toMillis());
            }

            assertThat(hub.post("/api/requests", recordCheck("UF-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            await().until(() -> hub.ledger().find("UF-1").orElseThrow().state() == RequestState.PUBLISHED);
            put(replies, "UF-1.json", reply("UF-1", "FOUND", null, null));
            await().until(() -> hub.ledger().find("UF-1").orElseThrow().state() == RequestState.REPLIED);
        } finally {
            consumer.detachAppender(failures);
        }
    }

    private static List<ILoggingEvent> attempts(ListAppender<ILoggingEvent> log) {
        List<ILoggingEvent> events;
        synchronized (log) { // the appender adds under this lock
            events = List.copyOf(log.list);
        }
        return events.stream().filter(event -> event.getFormattedMessage().contains("RemoteFile[GONE.json]")).toList();
    }
}
