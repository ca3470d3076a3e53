package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.RequestState;
import org.coophub.publishing.PlatformPublisher;
import org.coophub.platform.PollFailureLog;
import org.coophub.support.Hub;
import org.coophub.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** coophub talks only to a server whose host key it knows: an impostor gets nothing and is given nothing. */
class HostKeyTest {

    @TempDir
    Path dir;

    @Test
    void aPlatformWithAnUnknownHostKeyIsRefused() throws Exception {
        try (Hub hub = Hub.start(dir); LogCapture publisher = LogCapture.of(PlatformPublisher.class)) {
            String port = hub.property("coophub.platforms.national.port");
            knowAnotherHostKey(port);

            assertThat(hub.post("/api/requests", recordCheck("KEY-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);

            await().until(() -> hub.ledger().find("KEY-1").orElseThrow().publishAttempts() >= 1);
            assertThat(hub.ledger().find("KEY-1").orElseThrow().state()).isEqualTo(RequestState.RETRYING);
            assertThat(hub.ledger().find("KEY-1").orElseThrow().history())
                    .extracting(HistoryEntry::reason).anyMatch(reason -> reason.contains(hostKeyChanged(port)));
            assertThat(hub.inbound("national").resolve("KEY-1.json")).doesNotExist();
            // the operator reads why in the log line itself
            await().until(() -> publisher.containing("Publishing request KEY-1 on national failed").stream()
                    .anyMatch(event -> event.getFormattedMessage().contains(hostKeyChanged(port))));
        }
    }

    @Test
    void aPollOfAPlatformWithAnUnknownHostKeyTakesNothing() throws Exception {
        try (Hub hub = Hub.start(dir); LogCapture poll = LogCapture.of(PollFailureLog.class)) {
            String port = hub.property("coophub.platforms.national.port");
            // the polls keep their sessions open: dropping them makes them connect, and check the key, again
            hub.simulator().stop("national");
            knowAnotherHostKey(port);
            hub.simulator().start("national");
            Path replies = hub.platformFolder("national", "replies");
            put(replies, "KEY-R1.json", reply("KEY-R1", "FOUND", null, null));

            String repliesPoll = "Failed polling endpoint: sftp://localhost:" + port + "/replies";
            // on one line, cause included: an operator should not have to read a stack trace for it
            await().until(() -> poll.containing(repliesPoll).stream().anyMatch(event -> event.getFormattedMessage()
                    .contains(hostKeyChanged(port)) && event.getThrowableProxy() == null));
            // a reply to no request: a poll that got through would have moved it to .error
            assertThat(replies.resolve("KEY-R1.json")).exists();
            assertThat(replies.resolve(".error/KEY-R1.json")).doesNotExist();
        }
    }

    /** The known_hosts line of the national platform now names a key the platform does not have. */
    private void knowAnotherHostKey(String port) throws IOException, GeneralSecurityException {
        Path knownHosts = dir.resolve("data/simulator/known_hosts");
        KeyPair impostor = KeyUtils.generateKeyPair("ecdsa-sha2-nistp521", 521);
        List<String> lines = Files.readAllLines(knownHosts).stream()
                .map(line -> line.startsWith("[localhost]:" + port + " ")
                        ? "[localhost]:" + port + " " + PublicKeyEntry.toString(impostor.getPublic())
                        : line)
                .toList();
        Files.write(knownHosts, lines);
    }

    private static String hostKeyChanged(String port) {
        return "HostKey has been changed: [localhost]:" + port;
    }
}
