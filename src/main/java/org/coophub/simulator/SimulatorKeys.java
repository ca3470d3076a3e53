package org.coophub.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.coophub.platform.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated platforms' key material: each platform's host key and its line in known_hosts, and the client key
 * coophub logs in with, generated (OpenSSH format, ECDSA P-256) if the platform's private key file does not exist.
 */
final class SimulatorKeys {

    private static final Logger log = LoggerFactory.getLogger(SimulatorKeys.class);
    private static final String CLIENT_KEY_TYPE = KeyPairProvider.ECDSA_SHA2_NISTP256;
    private static final int CLIENT_KEY_BITS = 256;

    private SimulatorKeys() {
    }

    /**
     * The platform's host key, kept in {@code <keys>/<platform>-host.key} (generated on first start) so that
     * known_hosts stays valid across restarts, with its line written into the platform's known_hosts.
     */
    static SimpleGeneratorHostKeyProvider hostKeys(String name, PlatformProperties config, Path keys)
            throws IOException {
        Path hostKeyFile = keys.resolve(name + "-host.key").toAbsolutePath().normalize();
        Files.createDirectories(hostKeyFile.getParent());
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(521);
        List<KeyPair> loaded = hostKeys.loadKeys(null); // generates and saves it on first start
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no host key in " + hostKeyFile);
        }
        writeKnownHosts(config, loaded.get(0).getPublic());
        return hostKeys;
    }

    /** Generates the client key pair if its file is missing, then reads back the public key(s). */
    static List<PublicKey> clientKeys(String where, PlatformProperties config) throws IOException {
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

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: leave the default permissions
        }
    }
}
