package org.coophub.replies;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.coophub.hashing.Sha256;

/**
 * Attachment files, always streamed in 64 KiB pieces: an attachment may be far larger than the heap.
 * A received attachment only appears under its name once complete and checked, so nothing that
 * watches the folder ever sees half a file.
 */
public final class AttachmentFiles {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final String PART_SUFFIX = ".part";

    private AttachmentFiles() {
    }

    /**
     * Copies the stream to {@code <target>.part}, then moves it atomically to {@code target} (replacing
     * what is there) if its size and SHA-256 are the ones the reply declares. On any failure the .part
     * file is deleted and {@code target} is left as it was. The stream is read, not closed.
     *
     * @throws AttachmentMismatchException if the bytes are not the declared ones
     * @throws IOException                 if reading the stream or writing the file fails
     */
    public static void receive(InputStream in, Path target, Attachment expected) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + PART_SUFFIX);
        try {
            Digest digest;
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                digest = digest(in, out, expected.size());
                out.force(true);
            }
            check(digest, expected);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Hex SHA-256 of a local file, lowercase. */
    public static String sha256(Path file) throws IOException {
        return read(file).sha256();
    }

    /** The attachment entry a reply sending this file declares. */
    public static Attachment describe(Path file) throws IOException {
        Digest digest = read(file);
        return new Attachment(file.getFileName().toString(), digest.sha256(), digest.size());
    }

    /**
     * @throws AttachmentMismatchException if the file is missing, or its size or SHA-256 is not the
     *                                     declared one
     */
    public static void verify(Path file, Attachment expected) throws IOException {
        Digest digest;
        try (InputStream in = Files.newInputStream(file)) {
            digest = digest(in, null, expected.size());
        } catch (NoSuchFileException e) {
            throw AttachmentMismatchException.missing(expected);
        }
        check(digest, expected);
    }

    /** Whether the stream holds exactly the declared bytes (read no further than one byte past their size). */
    public static boolean matches(InputStream in, Attachment expected) throws IOException {
        Digest digest = digest(in, null, expected.size());
        return !digest.longer() && digest.size() == expected.size()
                && digest.sha256().equalsIgnoreCase(expected.sha256());
    }

    private static Digest read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in, null, Long.MAX_VALUE);
        }
    }

    private static void check(Digest digest, Attachment expected) {
        if (digest.longer() || digest.size() != expected.size()
                || !digest.sha256().equalsIgnoreCase(expected.sha256())) {
            throw AttachmentMismatchException.differing(expected, digest.size(),
                    digest.longer() ? null : digest.sha256(), digest.longer());
        }
    }

    /**
     * Reads the stream to its end, or until it has given more than {@code limit} bytes (there is no
     * point in storing or hashing more than the declared size), writing what it reads to {@code out}
     * unless that is null.
     */
    private static Digest digest(InputStream in, FileChannel out, long limit) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        // Not closed here: the stream is the caller's.
        DigestInputStream digesting = new DigestInputStream(in, sha256);
        int read;
        while ((read = digesting.read(buffer)) != -1) {
            size += read;
            if (size > limit) {
                return new Digest(null, size, true);
            }
            if (out != null) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
        }
        return new Digest(HexFormat.of().formatHex(sha256.digest()), size, false);
    }

    /** @param longer whether reading stopped because the stream gave more than the limit (sha256 then null) */
    private record Digest(String sha256, long size, boolean longer) {
    }
}
