package org.coophub.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
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
 * <p>On start it keeps a host key per platform ({@code <keys>/<platform>-host.key}, so known_hosts
 * stays valid across restarts), writes the platform's known_hosts line, and, if the platform's
 * private key file does not exist, generates it (OpenSSH format, ECDSA P-256). It accepts exactly
 * that key, and the platform's password when one is set (from the environment), for the platform's
 * username. Everything else is rejected.
 */
@Component
@ConditionalOnProperty(prefix = "coophub.simulator", name = "enabled", havingValue = "true")
public class PlatformSimulator implements DisposableBean, AutoCloseable {

    /** The simulator only ever listens on loopback. */
    public static final String BIND_ADDRESS = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(PlatformSimulator.class);
    private static final String CLIENT_KEY_TYPE = KeyPairProvider.ECDSA_SHA2_NISTP256;
    private static final int CLIENT_KEY_BITS = 256;

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
                if (!path.startsWith(root) || path.equals(root)) {
                    throw new IllegalArgumentException(where + ".folders." + folder[0]
                            + " must be a folder inside the platform root");
                }
                Files.createDirectories(path);
            }

            Path hostKeyFile = settings.keys().resolve(name + "-host.key").toAbsolutePath().normalize();
            Files.createDirectories(hostKeyFile.getParent());
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
            hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            hostKeys.setKeySize(521);
            List<KeyPair> loaded = hostKeys.loadKeys(null); // generates and saves it on first start
            if (loaded.isEmpty()) {
                throw new IllegalStateException("no host key in " + hostKeyFile);
            }
            writeKnownHosts(config, loaded.get(0).getPublic());

            List<PublicKey> authorized = new ArrayList<>();
            if (config.privateKey() != null) {
                authorized.addAll(clientKeys(where, config));
            }
            byte[] password = config.hasPassword() ? config.password().getBytes(StandardCharsets.UTF_8) : null;
            checkLoopback(name, config.host());
            return new Simulated(config, root, hostKeys, List.copyOf(authorized), password);
        } catch (IOException e) {
            throw new UncheckedIOException("Platform simulator '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Generates the client key pair if its file is missing, then reads back the public key(s). */
    private static List<PublicKey> clientKeys(String where, PlatformProperties config) throws IOException {
        Path file = config.privateKey().toAbsolutePath().normalize();
        String passphrase = config.privateKeyPassphrase();
        boolean encrypted = passphrase != null && !passphrase.isEmpty();
        if (Files.notExists(file)) {
            generateClientKey(file, encrypted ? passphrase : null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()),
                    in, encrypted ? FilePasswordProvider.of(passphrase) : null);
            List<PublicKey> keys = new ArrayList<>();
            if (pairs != null) {
                pairs.forEach(pair -> keys.add(pair.getPublic()));
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException(where + ".private-key: no key pair in " + file);
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(where + ".private-key: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void generateClientKey(Path file, String passphrase) throws IOException {
        KeyPair pair;
        try {
            pair = KeyUtils.generateKeyPair(CLIENT_KEY_TYPE, CLIENT_KEY_BITS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + CLIENT_KEY_TYPE + " key: " + e.getMessage(), e);
        }
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setPassword(passphrase);
            encryption.setCipherName(OpenSSHKeyEncryptionContext.AES);
            encryption.setCipherType("256");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ownerOnly(tmp);
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "coophub@simulator", encryption, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the key " + file + ": " + e.getMessage(), e);
        }
        Path pub = file.resolveSibling(file.getFileName() + ".pub");
        Files.writeString(pub, PublicKeyEntry.toString(pair.getPublic()) + " coophub@simulator\n");
        SimulatorFiles.move(tmp, file);
        log.info("Platform simulator generated the client key {} (public key in {})", file, pub);
    }

    /**
     * Writes {@code [host]:port <type> <base64>} (or {@code host <type> <base64>} on port 22) into the
     * platform's known_hosts, replacing earlier lines for that host and port and keeping the others.
     */
    static void writeKnownHosts(PlatformProperties config, PublicKey hostKey) throws IOException {
        Path file = config.knownHosts().toAbsolutePath().normalize();
        String host = config.port() == 22 ? config.host() : "[" + config.host() + "]:" + config.port();
        String line = host + " " + PublicKeyEntry.toString(hostKey);
        List<String> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String existing : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!namesHost(existing, host)) {
                    lines.add(existing);
                }
            }
        }
        lines.add(line);
        String content = String.join("\n", lines) + "\n";
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        SimulatorFiles.move(tmp, file);
    }

    private static boolean namesHost(String line, String host) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return false;
        }
        String[] fields = trimmed.split("\\s+");
        String hosts = fields[0].startsWith("@") && fields.length > 1 ? fields[1] : fields[0];
        return Arrays.asList(hosts.split(",")).contains(host);
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

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: leave the default permissions
        }
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
