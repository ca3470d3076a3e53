package org.coophub.support;

import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * What the simulated platforms were sent over SFTP, per file (its path under the platform's folder, as a test sees
 * it): how often a client opened it for writing under that very name, and how often a client renamed another file
 * onto it. An upload done right is written under a temporary name and renamed onto its final one, once: no write,
 * one rename ({@link Upload#RENAMED_INTO_PLACE_ONCE}). The platform's files show only the last upload; this shows
 * every one. Hub puts it on every simulated platform it starts, and keeps it across a restart.
 *
 * <p>It also runs under the benchmarks: a counter per file, nothing logged.
 */
public final class PlatformUploads implements SftpEventListener {

    /** How a file got its content: writes under its own name, renames of another file onto it. */
    public record Upload(int writes, int renames) {

        /** Written under another name and renamed into place, once: what every upload must look like. */
        public static final Upload RENAMED_INTO_PLACE_ONCE = new Upload(0, 1);
    }

    private final Map<Path, Counts> files = new ConcurrentHashMap<>();
    private final AtomicLong renames = new AtomicLong();

    /** What the platform was sent under this name so far. */
    public Upload of(Path file) {
        Counts counts = files.get(key(file));
        return counts == null ? new Upload(0, 0) : counts.upload();
    }

    /**
     * When, among all the renames seen, the last one onto this file came (a higher number is later); 0 if none did.
     * Shows in which order files were put in place.
     */
    public long renameOrder(Path file) {
        Counts counts = files.get(key(file));
        return counts == null ? 0 : counts.lastRename();
    }

    @Override
    public void open(ServerSession session, String remoteHandle, Handle localHandle) {
        if (localHandle instanceof FileHandle file && isWrite(file.getOpenOptions())) {
            counts(file.getFile()).written();
        }
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts,
            Throwable thrown) {
        if (thrown == null) {
            counts(dstPath).renamedOnto(renames.incrementAndGet());
        }
    }

    private static boolean isWrite(Set<StandardOpenOption> options) {
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    }

    private Counts counts(Path onPlatform) {
        return files.computeIfAbsent(key(onPlatform), file -> new Counts());
    }

    /**
     * The file on this machine's disk: the server's paths are rooted in the platform's folder, and toFile() resolves
     * them there, so they meet the paths a test builds from {@code Hub.inbound(platform)}.
     */
    private static Path key(Path file) {
        return file.toFile().toPath().toAbsolutePath().normalize();
    }

    private static final class Counts {

        private int writes;
        private int renames;
        private long lastRename;

        synchronized void written() {
            writes++;
        }

        synchronized void renamedOnto(long order) {
            renames++;
            lastRename = order;
        }

        synchronized Upload upload() {
            return new Upload(writes, renames);
        }

        synchronized long lastRename() {
            return lastRename;
        }
    }
}
