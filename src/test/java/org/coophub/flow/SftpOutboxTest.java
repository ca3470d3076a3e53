package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.BEIJING_HAIDIAN;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.coophub.intake.LocalSystemIntake;
import org.coophub.intake.SftpOutboxRoutes;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.RequestState;
import org.coophub.privacy.PersonalData;
import org.coophub.support.Archived;
import org.coophub.support.Hub;
import org.coophub.support.LocalSystemSftp;
import org.coophub.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A local system's outbox on its own SFTP server (coophub.intake.sftp-outboxes) is taken as the local outbox is. */
@ExtendWith(OutputCaptureExtension.class)
class SftpOutboxTest {

    @TempDir
    Path dir;

    @Test
    void requestsDroppedUnderOneNameArePublishedAndEachKeptInTheOutboxsDone() throws Exception {
        try (LocalSystemSftp cases = LocalSystemSftp.start(dir, "cases");
                Hub hub = Hub.start(dir, cases.hubProperties())) {
            String first = recordCheck("SO-1", SHANGHAI_XUHUI);
            cases.drop("request.json", first);
            await().until(() -> hub.ledger().find("SO-1").map(e -> e.state() == RequestState.PUBLISHED).orElse(false));
            assertThat(hub.inbound("national").resolve("SO-1.json")).exists();
            assertThat(hub.ledger().history("SO-1")).extracting(HistoryEntry::reason)
                    .contains("accepted via FILE (SFTP outbox cases:outbox/request.json), for the national platform");
            await().until(() -> Archived.copiesOf(cases.outbox(), "request.json").size() == 1);
            assertThat(cases.outbox().resolve("request.json")).doesNotExist();

            // another request of the same name and size, in the same second: taken too, its original kept beside
            String second = recordCheck("SO-2", BEIJING_HAIDIAN);
            assertThat(second).hasSameSizeAs(first);
            FileTime sameSecond = Files.getLastModifiedTime(Archived.copiesOf(cases.outbox(), "request.json").get(0));
            cases.drop("request.json", second, sameSecond);
            await().until(() -> hub.ledger().find("SO-2").map(e -> e.state() == RequestState.PUBLISHED).orElse(false));
            assertThat(hub.inbound("provincial").resolve("SO-2.json")).exists();
            await().until(() -> Archived.copiesOf(cases.outbox(), "request.json").size() == 2);
            List<Path> copies = Archived.copiesOf(cases.outbox(), "request.json");
            assertThat(copies).extracting(Files::readString).containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void aBadRequestIsQuarantinedInTheHubAndMovedToTheOutboxsError() throws Exception {
        try (LocalSystemSftp cases = LocalSystemSftp.start(dir, "cases");
                Hub hub = Hub.start(dir, cases.hubProperties())) {
            String bad = "{\"requestId\": \"SO-BAD\", \"type\": \"RECORD_CHECK\", \"caseNumber\": \"X-1\"}";
            cases.drop("bad.json", bad);

            Path report = hub.quarantine().resolve("bad.json.error.txt");
            await().until(() -> Files.exists(report));
            assertThat(Files.readString(report)).contains("file: SFTP outbox cases:outbox/bad.json", "targetRegion",
                    "required");
            assertThat(hub.quarantine().resolve("bad.json")).hasContent(bad);
            await().until(() -> !Files.exists(cases.outbox().resolve("bad.json")));
            assertThat(copiesIn(cases.outbox().resolve(".error"), "bad")).singleElement()
                    .satisfies(kept -> assertThat(kept).hasContent(bad));
            assertThat(Archived.copiesOf(cases.outbox(), "bad.json")).isEmpty();
            assertThat(hub.ledger().rejectedInputs(10)).singleElement()
                    .satisfies(refused -> assertThat(refused.inputName()).isEqualTo("SFTP outbox cases:outbox/bad.json"));
        }
    }

    @Test
    void aRefusedFileThatCannotBeMovedToErrorIsQuarantinedOnceNotAtEveryPoll() throws Exception {
        try (LocalSystemSftp cases = LocalSystemSftp.start(dir, "cases");
                Hub hub = Hub.start(dir, cases.hubProperties());
                LogCapture again = LogCapture.of(LocalSystemIntake.class)) {
            // a file where the .error folder would go: the server refuses every move there
            Path inTheWay = Files.writeString(cases.outbox().resolve(".error"), "in the way");
            cases.drop("stuck.json", "{\"requestId\": \"SO-STUCK\"}");

            await().until(() -> again.containing("could not be moved to .error").size() >= 2);
            assertThat(copiesIn(hub.quarantine(), "stuck")).extracting(path -> path.getFileName().toString())
                    .containsExactlyInAnyOrder("stuck.json", "stuck.json.error.txt");
            assertThat(hub.ledger().rejectedInputs(10)).filteredOn(refused -> refused.inputName().contains("stuck"))
                    .hasSize(1);

            Files.delete(inTheWay);
            await().until(() -> copiesIn(cases.outbox().resolve(".error"), "stuck").size() == 1);
            assertThat(cases.outbox().resolve("stuck.json")).doesNotExist();
            assertThat(copiesIn(hub.quarantine(), "stuck")).hasSize(2);
        }
    }

    @Test
    void aBadRequestIsQuarantinedOnceThoughTheLedgerWasDownWhenItCame() throws Exception {
        try (LocalSystemSftp cases = LocalSystemSftp.start(dir, "cases");
                Hub hub = Hub.start(dir, cases.hubProperties())) {
            String route = SftpOutboxRoutes.routeId("cases");
            hub.executeSql("ALTER TABLE rejected_input RENAME TO rejected_input_away");
            cases.drop("down.json", "{\"requestId\": \"SO-DOWN\"}");
            await().until(() -> hub.failedExchanges(route) >= 3);
            assertThat(cases.outbox().resolve("down.json")).exists();
            assertThat(hub.quarantine().resolve("down.json")).doesNotExist();

            hub.executeSql("ALTER TABLE rejected_input_away RENAME TO rejected_input");
            await().until(() -> copiesIn(cases.outbox().resolve(".error"), "down").size() == 1);
            assertThat(cases.outbox().resolve("down.json")).doesNotExist();
            assertThat(copiesIn(hub.quarantine(), "down")).extracting(path -> path.getFileName().toString())
                    .containsExactlyInAnyOrder("down.json", "down.json.error.txt");
        }
    }

    @Test
    void aFileSeenAgainAfterARestartIsNotTakenTwice(CapturedOutput output) throws Exception {
        try (LocalSystemSftp cases = LocalSystemSftp.start(dir, "cases")) {
            Hub hub = Hub.start(dir, cases.hubProperties());
            cases.drop("again.json", recordCheck("SO-AGAIN", SHANGHAI_XUHUI));
            await().until(() -> Archived.copiesOf(cases.outbox(), "again.json").size() == 1);
            hub.close();
            // as if the hub had stopped before it could move the file it took: the same file, still there
            Files.move(Archived.copiesOf(cases.outbox(), "again.json").get(0), cases.outbox().resolve("again.json"));

            try (Hub restarted = hub.restart()) {
                await().until(() -> Archived.copiesOf(cases.outbox(), "again.json").size() == 1);
                assertThat(cases.outbox().resolve("again.json")).doesNotExist();
                assertThat(output.getOut())
                        .contains("SFTP outbox cases:outbox/again.json was taken before; not taken again")
                        .doesNotContain("Request SO-AGAIN via FILE is a duplicate");
                assertThat(restarted.ledger().history("SO-AGAIN")).extracting(HistoryEntry::reason)
                        .filteredOn(reason -> reason.startsWith("accepted via")).hasSize(1);
            }
        }
    }

    @Test
    void anOutboxServerWithAnUnknownHostKeyIsRefused(CapturedOutput output) throws Exception {
        try (LocalSystemSftp cases = LocalSystemSftp.start(dir, "cases")) {
            KeyPair impostor = KeyUtils.generateKeyPair("ecdsa-sha2-nistp521", 521);
            String host = "[localhost]:" + cases.port();
            Files.writeString(cases.knownHosts(), host + " " + PublicKeyEntry.toString(impostor.getPublic()) + "\n");
            try (Hub hub = Hub.start(dir, cases.hubProperties())) {
                cases.drop("key.json", recordCheck("SO-KEY", SHANGHAI_XUHUI));
                // masked as the log masks it: a temporary folder's random number can look like an ID number
                String refusal = PersonalData.maskText("Cannot poll the SFTP outbox cases (cases@localhost:"
                        + cases.port() + "/outbox, host keys from " + cases.knownHosts()
                        + ") <- GenericFileOperationFailedException: Cannot connect to sftp://cases@localhost:"
                        + cases.port() + " <- JSchChangedHostKeyException: HostKey has been changed: " + host);
                await().until(() -> output.getOut().contains(refusal));
                // one line per failed poll, not the outbox's line and then Camel's again
                assertThat(output.getOut().lines().filter(line -> line.contains("HostKey has been changed")))
                        .allSatisfy(line -> assertThat(line).contains(refusal).contains("WARN"));
                assertThat(cases.outbox().resolve("key.json")).exists();
                assertThat(hub.ledger().find("SO-KEY")).isEmpty();
            }
        }
    }

    /** The files in {@code folder} whose name starts with {@code prefix}. */
    private static List<Path> copiesIn(Path folder, String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}
