package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.coophub.hashing.Sha256;
import org.coophub.request.Scope;
import org.coophub.simulator.PlatformSimulator;
import org.coophub.simulator.SimulatorProperties;
import org.coophub.support.Hub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Direct SFTP access to a platform, against a simulated one over real SFTP. */
class PlatformFilesTest {

    @TempDir
    Path dir;

    private PlatformProperties platform;
    private PlatformSimulator simulator;

    @BeforeEach
    void start() {
        platform = new PlatformProperties(Scope.NATIONAL, "localhost", Hub.freePort(), "coophub", null,
                dir.resolve("keys/client_key"), null, dir.resolve("keys/known_hosts"),
                new PlatformProperties.Folders("inbound", "replies", "requests", "our-replies"), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 1, 1, Duration.ofSeconds(30));
        simulator = new PlatformSimulator(new SimulatorProperties(true, dir.resolve("platforms"), dir.resolve("keys"),
                false), Map.of("national", platform));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void anUploadOfOtherBytesThanDeclaredLeavesNothingOnThePlatformAndTheDeclaredOnesGoIntoPlace() throws Exception {
        byte[] declared = "笔录 as declared".getBytes(StandardCharsets.UTF_8);
        byte[] changed = "笔录 as changed!".getBytes(StandardCharsets.UTF_8);
        Path ourReplies = simulator.root("national").resolve("our-replies");

        try (PlatformFiles files = PlatformFiles.open(platform)) {
            assertThatExceptionOfType(PlatformFiles.ContentMismatchException.class)
                    .isThrownBy(() -> files.write("our-replies/transcript.txt", new ByteArrayInputStream(changed),
                            declared.length, Sha256.hex(declared)))
                    .satisfies(mismatch -> {
                        assertThat(mismatch.size()).isEqualTo(changed.length);
                        assertThat(mismatch.sha256()).isEqualTo(Sha256.hex(changed));
                    });
            assertThat(namesIn(ourReplies)).isEmpty();

            files.write("our-replies/transcript.txt", new ByteArrayInputStream(declared), declared.length,
                    Sha256.hex(declared));
        }
        assertThat(namesIn(ourReplies)).containsExactly("transcript.txt");
        assertThat(ourReplies.resolve("transcript.txt")).hasBinaryContent(declared);
    }

    @Test
    void aStreamLongerThanDeclaredIsReadOnlyOneBytePastTheDeclaredSize() throws Exception {
        byte[] declared = "笔录".getBytes(StandardCharsets.UTF_8);
        CountingStream huge = new CountingStream(new byte[1 << 20]);

        try (PlatformFiles files = PlatformFiles.open(platform)) {
            assertThatExceptionOfType(PlatformFiles.ContentMismatchException.class)
                    .isThrownBy(() -> files.write("our-replies/big.bin", huge, declared.length, Sha256.hex(declared)))
                    .satisfies(mismatch -> assertThat(mismatch.size()).isEqualTo(declared.length + 1));
        }
        assertThat(huge.given()).isEqualTo(declared.length + 1);
        assertThat(namesIn(simulator.root("national").resolve("our-replies"))).isEmpty();
    }

    /** Counts what was taken from it. */
    private static final class CountingStream extends ByteArrayInputStream {

        CountingStream(byte[] content) {
            super(content);
        }

        long given() {
            return pos;
        }
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
