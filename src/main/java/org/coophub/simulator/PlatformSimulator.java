package org.coophub.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.RejectAllPasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.common.PropertyResolverUtils;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Stands in for the cooperation platforms: one real SFTP server (Apache MINA SSHD) per configured
 * platform, on 127.0.0.1 at the platform's port, serving {@code <root>/<platform>/}. Created only
 * with {@code coophub.simulator.enabled=true}; the servers start when the bean is created (before
 * Camel routes start) and stop on shutdown.
 *
 * <p>On start it keeps a host key per platform, writes the platform's known_hosts line, and, if the
 * platform's private key file does not exist, generates it ({@link SimulatorKeys}). It accepts exactly
 * that key, and the platform's password when one is set (from the environment), for the platform's
 * username. Everything else is rejected.
 */
@Component
@ConditionalOnProperty(prefix = "coophub.simulator", name = "enabled", havingValue = "true")
public class PlatformSimulator implements DisposableBean, AutoCloseable {

    /** The simulator only ever listens on loopback. */
    public static final String BIND_ADDRESS = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(PlatformSimulator.class);

    private final Map<String, Simulated> platforms = new TreeMap<>();
    private final Map<String, SshServer> servers = new LinkedHashMap<>();
    private final boolean syncOnClose;
    private final List<SftpEventListener> listeners;

    /**
     * Every {@link SftpEventListener} in the context hears what each platform's clients do (tests count uploads
     * with one); it is on the servers before they take their first session, so nothing done at start is missed.
     */
    @Autowired
    public PlatformSimulator(SimulatorProperties settings, PlatformsProperties platforms,
            ObjectProvider<SftpEventListener> listeners) {
        this(settings, platforms.platforms(), listeners.orderedStream().toList());
    }

    /** Prepares (keys, folders, known_hosts) and starts a server for every platform. */
    public PlatformSimulator(SimulatorProperties settings, Map<String, PlatformProperties> platforms) {
        this(settings, platforms, List.of());
    }

    private PlatformSimulator(SimulatorProperties settings, Map<String, PlatformProperties> platforms,
            List<SftpEventListener> listeners) {
        this.syncOnClose = settings.syncOnClose();
        this.listeners = List.copyOf(listeners);
        try {
            new TreeMap<>(platforms).forEach((name, platform) ->
                    this.platforms.put(name, prepare(name, platform, settings)));
            this.platforms.keySet().forEach(this::start);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts (or restarts) a platform's server on its port with its persisted host key. */
    public synchronized void start(String platform) {
        Simulated sim = simulated(platform);
        if (isRunning(platform)) {
            return;
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(BIND_ADDRESS);
        server.setPort(sim.config.port());
        server.setKeyPairProvider(sim.hostKeys);
        // without it small SFTP replies wait for the client's delayed ACK (~40 ms each)
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        // MINA forces every uploaded file to disk on close. A real platform does that on its own disk; the simulated
        // ones share this machine's disk with the hub's journal, where each of those syncs would hold up the hub.
        PropertyResolverUtils.updateProperty(server, SftpFileSystemAccessor.PROP_AUTO_SYNC_FILE_ON_CLOSE,
                syncOnClose);
        server.setFileSystemFactory(new VirtualFileSystemFactory(sim.root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        listeners.forEach(sftp::addSftpEventListener);
        server.setSubsystemFactories(List.of(sftp));
        String username = sim.config.username();
        server.setPublickeyAuthenticator(sim.authorizedKeys.isEmpty()
                ? RejectAllPublickeyAuthenticator.INSTANCE
                : (user, key, session) -> username.equals(user)
                        && sim.authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setPasswordAuthenticator(sim.password == null
                ? RejectAllPasswordAuthenticator.INSTANCE
                : (user, password, session) -> username.equals(user) && password != null
                        && MessageDigest.isEqual(sim.password, password.getBytes(StandardCharsets.UTF_8)));
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        try {
            server.start();
        } catch (IOException e) {
            closeQuietly(server);
            if (isBindFailure(e)) {
                throw new IllegalStateException("Platform simulator '" + platform + "' cannot listen on "
                        + BIND_ADDRESS + ":" + sim.config.port() + ": the port is already in use. Stop what"
                        + " uses it, or set another port with coophub.platforms." + platform + ".port", e);
            }
            throw new IllegalStateException("Platform simulator '" + platform + "' failed to start on "
                    + BIND_ADDRESS + ":" + sim.config.port() + ": " + e.getMessage(), e);
        }
        servers.put(platform, server);
        log.info("Platform simulator '{}' serving SFTP on {}:{} (as {}:{}), files in {}", platform,
                BIND_ADDRESS, server.getPort(), sim.config.host(), sim.config.port(), sim.root);
    }

    /** Stops a platform's server at once, dropping its open sessions (for fault tests). */
    public synchronized void stop(String platform) {
        simulated(platform);
        SshServer server = servers.remove(platform);
        if (server != null) {
            closeQuietly(server);
            log.info("Platform simulator '{}' stopped", platform);
        }
    }

    /**
     * Lets a fault test watch the SFTP sessions a platform's running server opens from now on, and act on them (drop
     * one in the middle of a download, say). The listener goes when the server stops.
     */
    public synchronized void addSftpEventListener(String platform, SftpEventListener listener) {
        sftp(platform).addSftpEventListener(listener);
    }

    public synchronized void removeSftpEventListener(String platform, SftpEventListener listener) {
        sftp(platform).removeSftpEventListener(listener);
    }

    private SftpSubsystemFactory sftp(String platform) {
        simulated(platform);
        SshServer server = servers.get(platform);
        if (server == null) {
            throw new IllegalStateException("platform simulator '" + platform + "' is not running");
        }
        return server.getSubsystemFactories().stream()
                .filter(SftpSubsystemFactory.class::isInstance)
                .map(SftpSubsystemFactory.class::cast)
                .findFirst().orElseThrow();
    }

    public synchronized boolean isRunning(String platform) {
        simulated(platform);
        SshServer server = servers.get(platform);
        return server != null && server.isStarted() && server.isOpen();
    }

    /** The folder holding what the platform received: {@code <root>/<platform>/}. */
    public Path root(String platform) {
        return simulated(platform).root;
    }

    /** The names of the simulated platforms. */
    public Set<String> platforms() {
        return new TreeSet<>(platforms.keySet());
    }

    @Override
    public synchronized void close() {
        new ArrayList<>(servers.keySet()).forEach(this::stop);
    }

    @Override
    public void destroy() {
        close();
    }

    private Simulated simulated(String platform) {
        Simulated sim = platforms.get(platform);
        if (sim == null) {
            throw new IllegalArgumentException("no simulated platform named " + platform
                    + " (simulated: " + platforms.keySet() + ")");
        }
        return sim;
    }

    private static Simulated prepare(String name, PlatformProperties config, SimulatorProperties settings) {
        String where = "coophub.platforms." + name;
        try {
            Path root = settings.root().resolve(name).toAbsolutePath().normalize();
            var folders = config.folders();
            for (String[] folder : new String[][] {{"inbound", folders.inbound()}, {"replies", folders.replies()},
                    {"requests", folders.requests()}, {"our-replies", folders.ourReplies()}}) {
                Path path = root.resolve(folder[1]).normalize();
                // platform/FolderRules guarantees this for settings bound from coophub.platforms, but the public
                // constructor also takes PlatformProperties that never went through it (tests, a local system's SFTP)
                if (!path.startsWith(root) || path.equals(root)) {
                    throw new IllegalArgumentException(where + ".folders." + folder[0]
                            + " must be a folder inside the platform root");
                }
                Files.createDirectories(path);
            }

            SimpleGeneratorHostKeyProvider hostKeys = SimulatorKeys.hostKeys(name, config, settings.keys());

            List<PublicKey> authorized = new ArrayList<>();
            if (config.privateKey() != null) {
                authorized.addAll(SimulatorKeys.clientKeys(where, config));
            }
            byte[] password = config.hasPassword() ? config.password().getBytes(StandardCharsets.UTF_8) : null;
            checkLoopback(name, config.host());
            return new Simulated(config, root, hostKeys, List.copyOf(authorized), password);
        } catch (IOException e) {
            throw new UncheckedIOException("Platform simulator '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void checkLoopback(String name, String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                log.warn("Platform simulator '{}' listens on {} only, but coophub.platforms.{}.host is {}:"
                        + " the hub will not reach the simulator", name, BIND_ADDRESS, name, host);
            }
        } catch (IOException e) {
            log.warn("Platform simulator '{}': cannot resolve coophub.platforms.{}.host {}", name, name, host);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(SshServer server) {
        try {
            server.stop(true);
        } catch (IOException | RuntimeException e) {
            log.warn("Platform simulator: stopping the server on port {} failed: {}", server.getPort(), e.toString());
        }
    }

    private record Simulated(PlatformProperties config, Path root, SimpleGeneratorHostKeyProvider hostKeys,
            List<PublicKey> authorizedKeys, byte[] password) {
    }
}
