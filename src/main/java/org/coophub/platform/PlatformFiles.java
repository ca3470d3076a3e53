package org.coophub.platform;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.coophub.hashing.Sha256;

/**
 * Direct SFTP access to a platform, outside the Camel routes: the attachments that travel beside a reply, streamed
 * and never held in memory; a reply's JSON when its attachments are checked again before upload; and the folders
 * the polls archive into.
 * Same credentials and the same strict host key checking as the routes ({@link SftpConnection}).
 */
public final class PlatformFiles implements AutoCloseable {

    /** One open file on the platform, read as a stream. */
    @FunctionalInterface
    public interface Reader {
        void read(InputStream content) throws IOException;
    }

    private final Session session;
    private final ChannelSftp sftp;

    private PlatformFiles(Session session, ChannelSftp sftp) {
        this.session = session;
        this.sftp = sftp;
    }

    public static PlatformFiles open(PlatformProperties platform) {
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(platform.knownHosts().toAbsolutePath().toString());
            if (platform.privateKey() != null) {
                String passphrase = platform.privateKeyPassphrase();
                jsch.addIdentity(platform.privateKey().toAbsolutePath().toString(),
                        passphrase == null || passphrase.isEmpty() ? null : passphrase.getBytes(StandardCharsets.UTF_8));
            }
            Session session = jsch.getSession(platform.username(), platform.host(), platform.port());
            if (platform.hasPassword()) {
                session.setPassword(platform.password());
            }
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setServerAliveInterval((int) platform.serverAliveInterval().toMillis());
            session.connect((int) platform.connectTimeout().toMillis());
            try {
                ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
                sftp.connect((int) platform.connectTimeout().toMillis());
                return new PlatformFiles(session, sftp);
            } catch (JSchException | RuntimeException e) {
                session.disconnect();
                throw e;
            }
        } catch (JSchException e) {
            throw new UncheckedIOException(new IOException("cannot open SFTP to " + platform.host() + ":"
                    + platform.port() + ": " + e.getMessage(), e));
        }
    }

    /** @throws NotOnPlatformException if the platform has no such file (and not if the reader misses one) */
    public void read(String path, Reader reader) throws IOException {
        InputStream opened;
        try {
            opened = sftp.get(path);
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                throw new NotOnPlatformException(path);
            }
            throw new IOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        try (InputStream in = opened) {
            reader.read(in);
        }
    }

    /** The file asked for is not on the platform. */
    public static class NotOnPlatformException extends IOException {

        public NotOnPlatformException(String path) {
            super(path + " is not on the platform");
        }
    }

    /**
     * Uploads under {@code <path>.part}, hashing the bytes as they are sent, and renames it into place only if they
     * are the {@code size} bytes of this SHA-256: the platform never sees half a file, nor other bytes than those
     * declared (a file changed while it was read). Bytes that differ are deleted from the platform.
     *
     * @throws ContentMismatchException if the stream gave other bytes
     */
    public void write(String path, InputStream content, long size, String sha256) throws IOException {
        String partial = path + ".part";
        // one byte more than declared is enough to tell: a file swapped for a huge one is not sent whole
        HashedStream sent = new HashedStream(content, size + 1);
        try {
            sftp.put(sent, partial, ChannelSftp.OVERWRITE);
            String sentSha256 = sent.sha256();
            if (sent.size() != size || !sentSha256.equalsIgnoreCase(sha256)) {
                ContentMismatchException mismatch = new ContentMismatchException(path, sent.size(), sentSha256);
                try {
                    sftp.rm(partial);
                } catch (SftpException left) {
                    // the mismatch stays the reason; the next attempt overwrites the .part
                    mismatch.addSuppressed(left);
                }
                throw mismatch;
            }
            if (exists(path)) {
                sftp.rm(path);
            }
            sftp.rename(partial, path);
        } catch (SftpException e) {
            throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a stream gave for upload was not what the caller declared; nothing of it was left on the platform. A
     * longer stream was read one byte past the declared size, and its size and hash are of those bytes.
     */
    public static class ContentMismatchException extends IOException {

        private final long size;
        private final String sha256;

        ContentMismatchException(String path, long size, String sha256) {
            super(path + " was not uploaded: the bytes read for it are not the declared ones");
            this.size = size;
            this.sha256 = sha256;
        }

        /** The number of bytes the stream gave. */
        public long size() {
            return size;
        }

        /** The SHA-256 of the bytes the stream gave, lowercase hex. */
        public String sha256() {
            return sha256;
        }
    }

    /** Counts and hashes what is read through it. */
    private static final class HashedStream extends DigestInputStream {

        private final long limit;
        private long size;

        /** Gives at most {@code limit} bytes of {@code in}, then the end. */
        HashedStream(InputStream in, long limit) {
            super(in, Sha256.newDigest());
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            if (size >= limit) {
                return -1;
            }
            int read = super.read();
            if (read != -1) {
                size++;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (size >= limit) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, limit - size));
            if (read > 0) {
                size += read;
            }
            return read;
        }

        long size() {
            return size;
        }

        String sha256() {
            return HexFormat.of().formatHex(getMessageDigest().digest());
        }
    }

    /** The names of the files in {@code folder} ending in {@code suffix}, hidden ones left out; none if no folder. */
    public List<String> list(String folder, String suffix) throws IOException {
        try {
            List<String> names = new ArrayList<>();
            for (Object entry : sftp.ls(folder)) {
                ChannelSftp.LsEntry file = (ChannelSftp.LsEntry) entry;
                String name = file.getFilename();
                if (!file.getAttrs().isDir() && !name.startsWith(".") && name.endsWith(suffix)) {
                    names.add(name);
                }
            }
            return names;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return List.of();
            }
            throw new IOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Moves a file into a sub-folder of its folder (e.g. {@code .done}), creating it when needed. */
    public void moveInto(String folder, String name, String subFolder) throws IOException {
        String target = folder + "/" + subFolder;
        try {
            ensureFolder(target);
            if (exists(target + "/" + name)) {
                sftp.rm(target + "/" + name);
            }
            if (exists(folder + "/" + name)) {
                sftp.rename(folder + "/" + name, target + "/" + name);
            }
        } catch (SftpException e) {
            throw new IOException("cannot move " + folder + "/" + name + " into " + subFolder + ": " + e.getMessage(), e);
        }
    }

    /** Creates a folder unless it exists; another client creating it at the same moment is not an error. */
    public void ensureFolder(String path) throws IOException {
        try {
            if (!exists(path)) {
                try {
                    sftp.mkdir(path);
                } catch (SftpException raced) {
                    if (!exists(path)) {
                        throw raced;
                    }
                }
            }
        } catch (SftpException e) {
            throw new IOException("cannot create the folder " + path + ": " + e.getMessage(), e);
        }
    }

    private boolean exists(String path) throws SftpException {
        try {
            sftp.stat(path);
            return true;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        sftp.disconnect();
        session.disconnect();
    }
}
