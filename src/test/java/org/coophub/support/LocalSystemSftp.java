package org.coophub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.coophub.platform.PlatformProperties;
import org.coophub.request.Scope;
import org.coophub.simulator.PlatformSimulator;
import org.coophub.simulator.SimulatorProperties;

/**
 * A local case system's own SFTP server with its outbox, for a hub's {@code coophub.intake.sftp-outboxes.<name>}: a
 * real MINA SSHD server of the platform simulator on a free port, with its own host key, known_hosts and client key
 * under {@code <dir>/local-system/}. It outlives the hubs a test starts on it, as a real one outlives their restarts.
 */
public final class LocalSystemSftp implements AutoCloseable {

    public static final String FOLDER = "outbox";

    private final String name;
    private final PlatformProperties account;
    private final PlatformSimulator server;

    private LocalSystemSftp(Path dir, String name) {
        this.name = name;
        Path keys = dir.resolve("local-system/keys").toAbsolutePath();
        // the simulator serves an account shaped like a platform's; the scope and folders mean nothing here
        this.account = new PlatformProperties(Scope.NATIONAL, "localhost", Hub.freePort(), "cases", null,
                keys.resolve("client_key"), null, keys.resolve("known_hosts"),
                new PlatformProperties.Folders(FOLDER, "unused-replies", "unused-requests", "unused-our-replies"),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 1, 1, Duration.ofMillis(200));
        this.server = new PlatformSimulator(new SimulatorProperties(true, dir.resolve("local-system/sftp"), keys, false),
                Map.of(name, account));
    }

    public static LocalSystemSftp start(Path dir, String name) {
        return new LocalSystemSftp(dir, name);
    }

    /** The hub's settings for this outbox, polled every 200 ms. */
    public String[] hubProperties() {
        String key = "coophub.intake.sftp-outboxes." + name + ".";
        return new String[] {key + "host=localhost", key + "port=" + account.port(), key + "username=cases",
            key + "private-key=" + account.privateKey(), key + "known-hosts=" + account.knownHosts(),
            key + "folder=" + FOLDER, key + "poll-interval=200ms"};
    }

    /** The outbox as the local system sees it on its own disk. */
    public Path outbox() {
        return server.root(name).resolve(FOLDER);
    }

    public Path knownHosts() {
        return account.knownHosts();
    }

    public int port() {
        return account.port();
    }

    /** Drops a file the way local systems must: written under another name, then renamed. */
    public void drop(String fileName, String content) {
        PlatformSide.put(outbox(), fileName, content);
    }

    /** Drops a file that was last modified at {@code modified} (SFTP tells the hub the time in whole seconds). */
    public void drop(String fileName, String content, FileTime modified) {
        try {
            Files.createDirectories(outbox());
            Path partial = Files.writeString(outbox().resolve(fileName + ".part"), content);
            Files.setLastModifiedTime(partial, modified);
            Files.move(partial, outbox().resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
