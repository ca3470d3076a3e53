package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.BEIJING_HAIDIAN;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.coophub.hashing.Sha256;
import org.coophub.support.ForkedHub;
import org.coophub.support.Hub;
import org.coophub.support.LocalSystemSftp;
import org.coophub.support.PlatformSide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files larger than the hub's whole heap pass through it, or are refused by it, without ever being held in memory:
 * the hub runs in a JVM of its own with a small heap ({@link ForkedHub}) that ends at its first OutOfMemoryError,
 * as an attempt to hold such a file whole would end it. The files are sparse (mostly holes, quick to make) and never
 * in this JVM's memory either.
 */
class LargeFilesTest {

    /** A hub runs in 96 MB and dies of its own work in 64: this leaves it room, so only a file held whole ends it. */
    private static final int HEAP_MB = 128;
    /** Larger than the whole heap, so that no copy of it can fit; not much larger, as the hub writes real copies. */
    private static final long LARGE = (HEAP_MB + 16L) * 1024 * 1024;
    private static final Duration THROUGH_THE_HUB = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static LocalSystemSftp cases;
    private static Map<String, Object> settings;
    private static ForkedHub hub;

    @BeforeAll
    static void start() {
        cases = LocalSystemSftp.start(dir, "cases");
        settings = Hub.settings(dir, cases.hubProperties());
        hub = ForkedHub.start(dir, settings, List.of("-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (cases != null) {
            cases.close();
        }
    }

    @Test
    void aReplyWhoseAttachmentIsLargerThanTheHubsHeapIsDeliveredWhole() {
        assertThat(hub.post("/api/requests", recordCheck("LF-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
        awaitAlive(() -> hub.as("admin").get("/api/requests/LF-1").body().contains("\"state\":\"PUBLISHED\""));

        Path replies = setting("coophub.simulator.root").resolve("national/replies");
        Path recording = sparseFile(replies, "LF-1-recording.bin", LARGE);
        String sha256 = sha256(recording);
        PlatformSide.put(replies, "LF-1.json", PlatformSide.reply("LF-1", "FOUND", "LF-1-recording.bin", sha256, LARGE));

        Path inbox = setting("coophub.delivery.inbox").resolve("replies");
        awaitAlive(() -> Files.exists(inbox.resolve("LF-1.json")));
        Path delivered = inbox.resolve("LF-1/LF-1-recording.bin");
        assertThat(delivered).hasSize(LARGE);
        assertThat(sha256(delivered)).isEqualTo(sha256);
    }

    @Test
    void aRequestFileLargerThanTheHubsHeapOnAnSftpOutboxIsRefusedUnreadAndTheHubGoesOn() throws IOException {
        Path huge = sparseFile(cases.outbox(), "huge.json", LARGE);

        Path quarantine = setting("coophub.intake.quarantine");
        Path report = quarantine.resolve("huge.json.error.txt");
        awaitAlive(() -> Files.exists(report));
        assertThat(Files.readString(report)).contains("file: SFTP outbox cases:outbox/huge.json",
                "(document): the file is " + LARGE + " bytes; the limit is 1048576 (coophub.intake.max-size) [size]",
                "kept here: its first 1048576 of " + LARGE + " bytes; the whole file is in .error on its server");
        // only its head: the hub's disk is not the place for a faulty system's gigabytes
        assertThat(quarantine.resolve("huge.json")).hasSize(1048576);
        awaitAlive(() -> !Files.exists(cases.outbox().resolve("huge.json")));
        try (Stream<Path> refused = Files.list(cases.outbox().resolve(".error"))) {
            assertThat(refused).singleElement().satisfies(kept -> assertThat(kept).hasSize(LARGE)
                    .extracting(path -> path.getFileName().toString()).asString().startsWith("huge."));
        }

        // and takes the next request as ever
        cases.drop("next.json", recordCheck("LF-2", BEIJING_HAIDIAN));
        awaitAlive(() -> hub.as("admin").get("/api/requests/LF-2").body().contains("\"state\":\"PUBLISHED\""));
    }

    @Test
    void aReplyFileLargerThanTheHubsHeapOnAPlatformIsKeptAsideUnreadAndTheHubGoesOn() {
        assertThat(hub.post("/api/requests", recordCheck("LF-3", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
        awaitAlive(() -> hub.as("admin").get("/api/requests/LF-3").body().contains("\"state\":\"PUBLISHED\""));

        Path replies = setting("coophub.simulator.root").resolve("national/replies");
        Path huge = sparseFile(replies, "huge-reply.json", LARGE);
        String sha256 = sha256(huge);

        Path keptAside = replies.resolve(".error/huge-reply.json");
        awaitAlive(() -> Files.exists(keptAside));
        assertThat(sha256(keptAside)).isEqualTo(sha256);
        assertThat(replies.resolve("huge-reply.json")).doesNotExist();
        String reason = "(document): the file is " + LARGE + " bytes; the limit is 1048576 (coophub.intake.max-size)"
                + " [size]";
        assertThat(hub.as("admin").get("/").body()).contains("national:replies/huge-reply.json", reason);
        assertThat(hub.logTail(500)).contains("Kept aside national:replies/huge-reply.json (moved to replies/.error)",
                reason);

        // and takes the next reply as ever
        PlatformSide.put(replies, "LF-3.json", PlatformSide.reply("LF-3", "FOUND", null, null));
        awaitAlive(() -> Files.exists(setting("coophub.delivery.inbox").resolve("replies/LF-3.json")));
    }

    /** Waits for the hub to do something; fails at once if it dies meanwhile. Either way with its last words. */
    private static void awaitAlive(Callable<Boolean> done) {
        try {
            await().atMost(THROUGH_THE_HUB).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!hub.isAlive()) {
                    throw new AssertionError("the hub died");
                }
                return done.call();
            });
        } catch (AssertionError | ConditionTimeoutException failure) {
            failure.addSuppressed(new AssertionError("the hub's last output:\n" + hub.logTail(60)));
            throw failure;
        }
    }

    private static Path setting(String key) {
        return Path.of((String) settings.get(key));
    }

    /**
     * A file of {@code size} bytes, mostly a hole: a few marked pieces at its start, middle and end, so that a copy
     * that loses or moves any of them does not match. Written under another name and renamed, as a sender must.
     */
    private static Path sparseFile(Path folder, String name, long size) {
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve(name + ".part");
            try (RandomAccessFile file = new RandomAccessFile(partial.toFile(), "rw")) {
                file.setLength(size);
                for (long at : new long[] {0, size / 2, size - 64}) {
                    file.seek(at);
                    file.write((name + "@" + at).getBytes(StandardCharsets.UTF_8));
                }
            }
            return Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
