package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.coophub.ledger.RequestState;
import org.coophub.platform.PlatformsProperties;
import org.coophub.platform.PollFailureLog;
import org.coophub.support.Hub;
import org.coophub.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the poll lists but cannot fetch (here a link to nowhere) does not make the greedy poll spin on it: the route
 * is held back a poll interval each time, and the files beside it are still taken.
 */
class UnfetchableFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatCannotBeFetchedHoldsThePollBackAnInterval() throws Exception {
        try (Hub hub = Hub.start(dir, "coophub.platforms.national.pollers=1");
                LogCapture failures = LogCapture.of(PollFailureLog.class)) {
            Duration pollInterval = hub.bean(PlatformsProperties.class).get("national").pollInterval();
            Path replies = hub.platformFolder("national", "replies");
            Files.createDirectories(replies);
            Files.createSymbolicLink(replies.resolve("GONE.json"), replies.resolve("nowhere/GONE.json"));

            await().until(() -> failures.containing("RemoteFile[GONE.json]").size() >= 4);
            List<ILoggingEvent> attempts = failures.containing("RemoteFile[GONE.json]");
            for (int i = 1; i < attempts.size(); i++) {
                assertThat(attempts.get(i).getTimeStamp() - attempts.get(i - 1).getTimeStamp())
                        .as("time between two attempts").isGreaterThanOrEqualTo(pollInterval.toMillis());
            }

            assertThat(hub.post("/api/requests", recordCheck("UF-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            await().until(() -> hub.ledger().find("UF-1").orElseThrow().state() == RequestState.PUBLISHED);
            put(replies, "UF-1.json", reply("UF-1", "FOUND", null, null));
            await().until(() -> hub.ledger().find("UF-1").orElseThrow().state() == RequestState.REPLIED);
        }
    }
}
