package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.coophub.ledger.RequestState;
import org.coophub.platform.PlatformArchiving;
import org.coophub.platform.PlatformsProperties;
import org.coophub.support.Hub;
import org.coophub.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply that fails for a reason outside it (here the ledger row is locked past the lock timeout) is not a bad
 * reply: it stays on the platform and is taken again a poll interval later, not moved to .error where nobody would
 * take it again, and not taken again and again at once while the cause lasts.
 */
class TransientFailureTest {

    @TempDir
    Path dir;

    @Test
    void aReplyThatFailsForAReasonOutsideItStaysAndIsTakenAgainAfterAPollInterval() throws Exception {
        String ledger = "jdbc:h2:file:" + dir.resolve("data/ledger/coophub").toAbsolutePath() + ";LOCK_TIMEOUT=10";
        try (Hub hub = Hub.start(dir, "spring.datasource.url=" + ledger, "coophub.platforms.national.pollers=1");
                LogCapture leftInPlace = LogCapture.of(PlatformArchiving.class)) {
            assertThat(hub.post("/api/requests", recordCheck("TF-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            await().until(() -> hub.ledger().find("TF-1").orElseThrow().state() == RequestState.PUBLISHED);
            Path replies = hub.platformFolder("national", "replies");
            Duration pollInterval = hub.bean(PlatformsProperties.class).get("national").pollInterval();

            try (Connection holder = hub.bean(DataSource.class).getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "SELECT state FROM cooperation_request WHERE request_id = 'TF-1' FOR UPDATE")) {
                    lock.executeQuery().close();
                }
                put(replies, "TF-1.json", reply("TF-1", "FOUND", null, null));
                await().until(() -> leftInPlace.containing("TF-1.json in place").size() >= 3);

                List<ILoggingEvent> attempts = leftInPlace.containing("TF-1.json in place");
                for (int i = 1; i < attempts.size(); i++) {
                    // held back a poll interval, not for good (the bound leaves room for a slow machine)
                    assertThat(attempts.get(i).getTimeStamp() - attempts.get(i - 1).getTimeStamp())
                            .as("time between two attempts").isGreaterThanOrEqualTo(pollInterval.toMillis())
                            .isLessThan(Math.max(5_000, pollInterval.toMillis() * 25));
                }
                assertThat(replies.resolve("TF-1.json")).exists();
                assertThat(replies.resolve(".error/TF-1.json")).doesNotExist();
                assertThat(hub.ledger().find("TF-1").orElseThrow().state()).isEqualTo(RequestState.PUBLISHED);
                holder.rollback();
            }

            await().until(() -> hub.ledger().find("TF-1").orElseThrow().state() == RequestState.REPLIED);
            await().until(() -> replies.resolve(".done/TF-1.json").toFile().exists());
            assertThat(replies.resolve(".error/TF-1.json")).doesNotExist();
        }
    }
}
