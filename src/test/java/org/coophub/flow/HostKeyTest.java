package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** coophub publishes only to a server whose host key it knows: an impostor gets nothing. */
@ExtendWith(OutputCaptureExtension.class)
class HostKeyTest {

    @TempDir
    Path dir;

    @Test
    void aPlatformWithAnUnknownHostKeyIsRefused(CapturedOutput output) throws Exception {
        try (Hub hub = Hub.start(dir)) {
            String port = hub.bean(org.springframework.core.env.Environment.class)
                    .getProperty("coophub.platforms.national.port");
            Path knownHosts = dir.resolve("data/simulator/known_hosts");
            KeyPair impostor = KeyUtils.generateKeyPair("ecdsa-sha2-nistp521", 521);
            List<String> lines = Files.readAllLines(knownHosts).stream()
                    .map(line -> line.startsWith("[localhost]:" + port + " ")
                            ? "[localhost]:" + port + " " + PublicKeyEntry.toString(impostor.getPublic())
                            : line)
                    .toList();
            Files.write(knownHosts, lines);

            assertThat(hub.post("/api/requests", recordCheck("KEY-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);

            await().until(() -> hub.ledger().find("KEY-1").orElseThrow().publishAttempts() >= 1);
            assertThat(hub.ledger().find("KEY-1").orElseThrow().state()).isEqualTo(RequestState.RETRYING);
            assertThat(hub.ledger().find("KEY-1").orElseThrow().history())
                    .extracting(HistoryEntry::reason).anyMatch(reason -> reason.contains("HostKey"));
            assertThat(hub.inbound("national").resolve("KEY-1.json")).doesNotExist();
            await().until(() -> output.getOut().contains("Publishing request KEY-1 on national failed"));
        }
    }
}
