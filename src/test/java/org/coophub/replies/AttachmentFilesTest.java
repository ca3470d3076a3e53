package org.coophub.replies;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.coophub.privacy.IdNumberFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentFilesTest {

    private static final byte[] STATEMENT = "笔录：张伟于2011年6月30日…".getBytes(UTF_8);
    /** SHA-256 of "abc" (FIPS 180-2, appendix B.1). */
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path folder;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Attachment statement() throws Exception {
        return new Attachment("statement-1.pdf", sha256(STATEMENT), STATEMENT.length);
    }

    private void assertNothingLeft(Path target) throws IOException {
        try (var files = Files.list(folder)) {
            assertThat(files).as("neither the target nor its .part").isEmpty();
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void receivesAMatchingAttachmentUnderItsName() throws Exception {
        Path target = folder.resolve("statement-1.pdf");

        AttachmentFiles.receive(new ByteArrayInputStream(STATEMENT), target, statement());

        assertThat(target).hasBinaryContent(STATEMENT);
        assertThat(folder.resolve("statement-1.pdf.part")).doesNotExist();
    }

    @Test
    void replacesAnEarlierCopy() throws Exception {
        Path target = folder.resolve("statement-1.pdf");
        Files.write(target, "old".getBytes(UTF_8));

        AttachmentFiles.receive(new ByteArrayInputStream(STATEMENT), target, statement());

        assertThat(target).hasBinaryContent(STATEMENT);
    }

    @Test
    void acceptsAnEmptyAttachment() throws Exception {
        Path target = folder.resolve("empty.txt");
        AttachmentFiles.receive(InputStream.nullInputStream(), target,
                new Attachment("empty.txt", sha256(new byte[0]), 0));
        assertThat(target).isEmptyFile();
    }

    @Test
    void refusesOtherBytesOfTheDeclaredSizeLeavingNothing() throws Exception {
        Path target = folder.resolve("statement-1.pdf");
        byte[] other = STATEMENT.clone();
        other[0] ^= 1;
        Attachment expected = statement();

        AttachmentMismatchException e = catchThrowableOfType(AttachmentMismatchException.class,
                () -> AttachmentFiles.receive(new ByteArrayInputStream(other), target, expected));

        assertThat(e.attachmentName()).isEqualTo("statement-1.pdf");
        assertThat(e.expectedSha256()).isEqualTo(expected.sha256());
        assertThat(e.actualSha256()).isEqualTo(sha256(other));
        assertThat(e.actualSize()).isEqualTo(e.expectedSize()).isEqualTo(STATEMENT.length);
        assertThat(e.getMessage()).isEqualTo("attachment statement-1.pdf: sha256 is "
                + sha256(other).substring(0, 12) + "… but the reply declares " + expected.sha256().substring(0, 12)
                + "…");
        assertNothingLeft(target);
    }

    @Test
    void refusesAShorterFile() throws Exception {
        Path target = folder.resolve("statement-1.pdf");
        byte[] shorter = Arrays.copyOf(STATEMENT, STATEMENT.length - 1);

        assertThatThrownBy(() -> AttachmentFiles.receive(new ByteArrayInputStream(shorter), target, statement()))
                .isInstanceOfSatisfying(AttachmentMismatchException.class, e -> {
                    assertThat(e.actualSize()).isEqualTo(STATEMENT.length - 1);
                    assertThat(e.getMessage()).contains("size is " + (STATEMENT.length - 1)
                            + " bytes but the reply declares " + STATEMENT.length, "sha256 is");
                });
        assertNothingLeft(target);
    }

    @Test
    void refusesALongerFileWithoutStoringTheExcess() throws Exception {
        Path target = folder.resolve("statement-1.pdf");
        byte[] longer = Arrays.copyOf(STATEMENT, STATEMENT.length + 1);

        assertThatThrownBy(() -> AttachmentFiles.receive(new ByteArrayInputStream(longer), target, statement()))
                .isInstanceOf(AttachmentMismatchException.class)
                .hasMessageContaining("is longer than the " + STATEMENT.length + " bytes the reply declares");
        assertNothingLeft(target);
    }

    @Test
    void aBrokenStreamLeavesNoPartialFileAndPropagates() throws Exception {
        Path target = folder.resolve("statement-1.pdf");
        InputStream breaking = new GeneratedStream(10L * 1024 * 1024) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position() > 3L * 1024 * 1024) {
                    throw new IOException("connection reset");
                }
                return super.read(b, off, len);
            }
        };

        assertThatThrownBy(() -> AttachmentFiles.receive(breaking, target,
                new Attachment("statement-1.pdf", ABC_SHA256, 10L * 1024 * 1024)))
                .isInstanceOf(IOException.class).hasMessage("connection reset");
        assertNothingLeft(target);
    }

    @Test
    void aBrokenStreamLeavesAnEarlierCopyAlone() throws Exception {
        Path target = folder.resolve("statement-1.pdf");
        Files.write(target, STATEMENT);
        InputStream breaking = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> AttachmentFiles.receive(breaking, target, statement()))
                .isInstanceOf(IOException.class);
        assertThat(target).hasBinaryContent(STATEMENT);
        assertThat(folder.resolve("statement-1.pdf.part")).doesNotExist();
    }

    @Test
    void streamsALargeAttachment() throws Exception {
        long size = 50L * 1024 * 1024;
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new GeneratedStream(size)) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                expected.update(buffer, 0, read);
            }
        }
        String sha256 = HexFormat.of().formatHex(expected.digest());
        Path target = folder.resolve("video.mp4");

        AttachmentFiles.receive(new GeneratedStream(size), target, new Attachment("video.mp4", sha256, size));

        assertThat(Files.size(target)).isEqualTo(size);
        assertThat(AttachmentFiles.sha256(target)).isEqualTo(sha256);
    }

    @Test
    void hashesAndDescribesALocalFile() throws Exception {
        Path file = Files.write(folder.resolve("abc.txt"), "abc".getBytes(UTF_8));

        assertThat(AttachmentFiles.sha256(file)).isEqualTo(ABC_SHA256);
        assertThat(AttachmentFiles.describe(file)).isEqualTo(new Attachment("abc.txt", ABC_SHA256, 3));
    }

    @Test
    void verifiesALocalFile() throws Exception {
        Path file = Files.write(folder.resolve("abc.txt"), "abc".getBytes(UTF_8));

        AttachmentFiles.verify(file, new Attachment("abc.txt", ABC_SHA256, 3));
        AttachmentFiles.verify(file, new Attachment("abc.txt", ABC_SHA256.toUpperCase(), 3));
        assertThatThrownBy(() -> AttachmentFiles.verify(file, new Attachment("abc.txt", ABC_SHA256, 4)))
                .isInstanceOf(AttachmentMismatchException.class).hasMessageContaining("size is 3 bytes");
        assertThatThrownBy(() -> AttachmentFiles.verify(file, new Attachment("abc.txt", "0".repeat(64), 3)))
                .isInstanceOf(AttachmentMismatchException.class)
                .hasMessage("attachment abc.txt: sha256 is ba7816bf8f01… but the reply declares 000000000000…");
    }

    @Test
    void verifyReportsAMissingFile() {
        assertThatThrownBy(() -> AttachmentFiles.verify(folder.resolve("gone.pdf"),
                new Attachment("gone.pdf", ABC_SHA256, 3)))
                .isInstanceOfSatisfying(AttachmentMismatchException.class, e -> {
                    assertThat(e).hasMessage("attachment gone.pdf named by the reply is missing");
                    assertThat(e.actualSize()).isEqualTo(-1);
                    assertThat(e.actualSha256()).isNull();
                });
    }

    @Test
    void masksAnIdNumberInTheAttachmentName() {
        String id = IdNumberFixtures.valid("110105", "19900307", "123");
        assertThatThrownBy(() -> AttachmentFiles.verify(folder.resolve("x"), new Attachment(id + ".pdf", ABC_SHA256, 3)))
                .isInstanceOf(AttachmentMismatchException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(id).contains("110105********"));
    }

    /** Deterministic pseudo-random bytes of a given length, made on the fly rather than held in memory. */
    private static class GeneratedStream extends InputStream {

        private final long size;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedStream(long size) {
            this.size = size;
        }

        long position() {
            return position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            position += n;
            return n;
        }
    }
}
