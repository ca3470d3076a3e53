package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.coophub.intake.IntakeProperties;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.core.JmsTemplate;

/**
 * A local delivery that keeps failing for a while (here the inbox cannot be written) is retried by the broker with
 * back-off for as long as it takes, not dead-lettered after Artemis's default ten attempts: the reply reaches the
 * local system once the inbox is back.
 */
class DeliveryOutageTest {

    private static final int ARTEMIS_DEFAULT_ATTEMPTS = 10;

    @TempDir
    Path dir;

    @Test
    void aReplyIsDeliveredAfterMoreFailedAttemptsThanArtemisAllowsByDefault() throws Exception {
        try (Hub hub = Hub.start(dir)) {
            assertThat(hub.post("/api/requests", recordCheck("DO-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            await().until(() -> hub.ledger().find("DO-1").orElseThrow().state() == RequestState.PUBLISHED);

            Path replies = hub.inbox().resolve("replies");
            deleteFolder(replies);
            Files.createDirectories(hub.inbox());
            Files.writeString(replies, "a file where the inbox folder should be");
            put(hub.platformFolder("national", "replies"), "DO-1.json", reply("DO-1", "FOUND", null, null));
            await().until(() -> hub.ledger().find("DO-1").orElseThrow().state() == RequestState.REPLIED);
            // eleven attempts backing off to 0.5 s each take a few seconds, more on a busy machine
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> hub.failedExchanges("deliver-replies") > ARTEMIS_DEFAULT_ATTEMPTS);

            Files.delete(replies);
            await().until(() -> Files.exists(replies.resolve("DO-1.json")));
            await().until(() -> hub.ledger().find("DO-1").orElseThrow().reply().deliveredAt() != null);
            assertThat(deadLetters(hub)).isZero();

            // the intake queue and the publication queues are retried the same way
            var settings = hub.bean(EmbeddedActiveMQ.class).getActiveMQServer().getAddressSettingsRepository();
            for (String queue : new String[] {hub.bean(IntakeProperties.class).jmsQueue(), "coophub.publish.national"}) {
                assertThat(settings.getMatch(queue).getMaxDeliveryAttempts()).as(queue).isEqualTo(-1);
                assertThat(settings.getMatch(queue).getRedeliveryDelay()).as(queue).isPositive();
            }
        }
    }


    private static int deadLetters(Hub hub) {
        JmsTemplate jms = new JmsTemplate(hub.bean(ConnectionFactory.class));
        return jms.browse("DLQ", (session, browser) -> java.util.Collections.list(browser.getEnumeration()).size());
    }

    private static void deleteFolder(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
