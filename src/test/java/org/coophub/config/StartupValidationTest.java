package org.coophub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration stops the start with a message that names the key to fix. */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationTest {

    @TempDir
    Path dir;

    @Test
    void aBureauCodeThatIsNotTwelveDigitsIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.bureau.code=1101"))
                .hasStackTraceContaining("coophub.bureau.code");
    }

    @Test
    void aBureauCodeOutsideAnyProvinceIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.bureau.code=990105000000"))
                .hasStackTraceContaining("coophub.bureau.code");
    }

    @Test
    void twoPlatformsForOneScopeAreRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.platforms.provincial.scope=NATIONAL"))
                .hasStackTraceContaining("coophub.platforms")
                .hasStackTraceContaining("exactly one platform must have scope");
    }

    @Test
    void aPortOutOfRangeIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.platforms.national.port=70000"))
                .hasStackTraceContaining("platforms[national].port");
        assertThat(output.getOut()).contains("Property: coophub.platforms[national].port", "65535");
    }

    @Test
    void aPlatformWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.platforms.national.private-key=",
                "coophub.platforms.national.password="))
                .hasStackTraceContaining("coophub.platforms.national")
                .hasStackTraceContaining("private-key or password");
    }

    @ParameterizedTest
    @CsvSource({"poll-interval, 0s, at least 1ms", "poll-interval, -30s, at least 1ms",
            "poll-interval, 500us, at least 1ms", "connect-timeout, 0s, at least 1ms",
            "connect-timeout, -1s, at least 1ms", "connect-timeout, 25d, at most 2147483647ms",
            "server-alive-interval, 0s, at least 1ms", "server-alive-interval, -5s, at least 1ms",
            "server-alive-interval, 25d, at most 2147483647ms"})
    void aPlatformDurationOfNoWholeMillisecondOrBeyondAnIntIsRefused(String key, String value, String rule) {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.platforms.national." + key + "=" + value))
                .hasStackTraceContaining("coophub.platforms.national." + key + " must be " + rule);
    }

    @Test
    void aKnownHostsFileThatIsNotThereIsRefused() {
        Path missing = dir.resolve("no/known_hosts").toAbsolutePath();
        // without the simulator, which writes the file on its first start
        assertThatThrownBy(() -> Hub.start(dir, "coophub.simulator.enabled=false",
                "coophub.platforms.national.known-hosts=" + missing))
                .hasStackTraceContaining("coophub.platforms.national.known-hosts: " + missing + " does not exist");
    }

    @Test
    void aPrivateKeyThatIsAFolderIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("keys")).toAbsolutePath();
        assertThatThrownBy(() -> Hub.start(dir, "coophub.simulator.enabled=false",
                "coophub.platforms.national.known-hosts=" + Files.createFile(dir.resolve("known_hosts")),
                "coophub.platforms.provincial.known-hosts=" + dir.resolve("known_hosts"),
                "coophub.platforms.national.private-key=" + folder))
                .hasStackTraceContaining("coophub.platforms.national.private-key: " + folder + " is not a file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"re?plies", "a&b", "x#y", "100%", "a b", "a+b", "k=v", "{{x}}", "../etc", "..", "a/../b",
            "/replies", "replies/", "a//b", ".done", "replies/.error", "回复", ""})
    void aFolderThatIsNotAPlainRelativePathIsRefused(String folder) {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.platforms.national.folders.replies=" + folder))
                .hasStackTraceContaining("coophub.platforms.national.folders.replies must be a relative path of names");
    }

    @ParameterizedTest
    @CsvSource({"replies, inbound, replies, inbound", "inbound, replies, replies, inbound",
            "requests, OUR-REPLIES, our-replies, requests", "our-replies, Inbound, our-replies, inbound"})
    void twoFoldersOfOnePlatformThatAreTheSameAreRefused(String key, String value, String later, String earlier) {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.platforms.provincial.folders." + key + "=" + value))
                .hasStackTraceContaining("coophub.platforms.provincial.folders." + later
                        + " must differ from coophub.platforms.provincial.folders." + earlier);
    }

    @ParameterizedTest
    @CsvSource({"coophub.replies.outbox, coophub.intake.outbox, data/local/outbox",
            "coophub.intake.quarantine, coophub.intake.outbox, data/local/outbox/x/..",
            "coophub.intake.quarantine, coophub.replies.outbox, data/local/outbox/replies/",
            "coophub.delivery.inbox, coophub.intake.outbox, data/local/outbox",
            "coophub.replies.attachment-store, coophub.replies.outbox, data/local/outbox/replies",
            "coophub.reporting.detentions-folder, coophub.delivery.inbox, data/local/inbox"})
    void aLocalDropFolderThatIsAnotherIsRefused(String key, String other, String sameFolder) {
        assertThatThrownBy(() -> Hub.start(dir, key + "=" + dir.resolve(sameFolder).toAbsolutePath()))
                .hasStackTraceContaining(key + " must differ from " + other);
    }

    @Test
    void anOutboxWhereDeliveredRepliesAreWrittenIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.replies.outbox="
                + dir.resolve("data/local/inbox/replies").toAbsolutePath()))
                .hasStackTraceContaining("coophub.delivery.inbox (its replies folder) must differ from"
                        + " coophub.replies.outbox");
    }

    @Test
    void aDuplicateIdCacheTooSmallForABacklogIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.broker.duplicate-id-cache-size=9999"))
                .hasStackTraceContaining("coophub.broker.duplicate-id-cache-size must be at least 10000");
    }

    @Test
    void aLongestRetryWaitShorterThanTheFirstIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.broker.redelivery-delay=1s",
                "coophub.broker.max-redelivery-delay=500ms"))
                .hasStackTraceContaining("coophub.broker.max-redelivery-delay (PT0.5S) must not be shorter than"
                        + " coophub.broker.redelivery-delay (PT1S)");
    }

    @Test
    void aRetryWithoutDelayIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.broker.redelivery-delay=0s"))
                .hasStackTraceContaining("coophub.broker.redelivery-delay must be at least 1ms");
    }

    @Test
    void aMaxSizeBeyondWhatADocumentCanBeIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.intake.max-size=3GB"))
                .hasStackTraceContaining("coophub.intake.max-size must be at most 64MB");
    }

    @Test
    void aSettingNamingAnUnsetEnvironmentVariableIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, "coophub.alerts.smtp.host=${COOPHUB_TEST_UNSET_SMTP_HOST}"))
                .hasStackTraceContaining("coophub.alerts.smtp.host: ")
                .hasStackTraceContaining("COOPHUB_TEST_UNSET_SMTP_HOST");
    }

    @Test
    void theProductionProfileNamesEveryVariableItNeedsAndMisses() {
        assertThatThrownBy(() -> Hub.start(dir, "spring.profiles.active=prod"))
                .hasStackTraceContaining("COOPHUB_BROKER_URL")
                .hasStackTraceContaining("COOPHUB_BUREAU_CODE")
                .hasStackTraceContaining("COOPHUB_NATIONAL_HOST")
                .hasStackTraceContaining("COOPHUB_PROVINCIAL_USER")
                .hasStackTraceContaining("COOPHUB_SMTP_HOST")
                .hasStackTraceContaining("COOPHUB_ALERTS_ACK_SECRET")
                .hasStackTraceContaining("COOPHUB_PUBLIC_URL");
    }

    @Test
    void anSftpOutboxWithoutHostIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, sftpOutbox("host")))
                .hasStackTraceContaining("coophub.intake.sftp-outboxes.cases.host must be set");
    }

    @Test
    void anSftpOutboxWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, sftpOutbox("private-key")))
                .hasStackTraceContaining("coophub.intake.sftp-outboxes.cases: set private-key or password");
    }

    @Test
    void anSftpOutboxFolderThatIsNotAPlainRelativePathIsRefused() {
        assertThatThrownBy(() -> Hub.start(dir, sftpOutbox("folder", "coophub.intake.sftp-outboxes.cases.folder=../x")))
                .hasStackTraceContaining("coophub.intake.sftp-outboxes.cases.folder must be a relative path of names");
    }

    @Test
    void anSftpOutboxKnownHostsFileThatIsNotThereIsRefused() {
        Path missing = dir.resolve("local-system/known_hosts").toAbsolutePath();
        assertThatThrownBy(() -> Hub.start(dir, sftpOutbox("known-hosts",
                "coophub.intake.sftp-outboxes.cases.known-hosts=" + missing)))
                .hasStackTraceContaining("coophub.intake.sftp-outboxes.cases.known-hosts: " + missing + " does not exist");
    }

    /** An SFTP outbox "cases" with every setting it needs but {@code left out}, and then {@code more}. */
    private String[] sftpOutbox(String leftOut, String... more) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("host", "localhost");
        settings.put("username", "cases");
        settings.put("private-key", dir.resolve("data/simulator/client_key").toAbsolutePath().toString());
        settings.put("known-hosts", dir.resolve("data/simulator/known_hosts").toAbsolutePath().toString());
        settings.put("folder", "outbox");
        settings.remove(leftOut);
        return Stream.concat(settings.entrySet().stream()
                .map(e -> "coophub.intake.sftp-outboxes.cases." + e.getKey() + "=" + e.getValue()), Stream.of(more))
                .toArray(String[]::new);
    }
}
