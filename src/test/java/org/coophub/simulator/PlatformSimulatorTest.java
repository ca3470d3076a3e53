package org.coophub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.SftpConnection;
import org.coophub.request.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real MINA SSHD servers and a real Camel sftp producer (JSch): no mocks. */
class PlatformSimulatorTest {

    /** The producer options the hub publishes with (see stack.md for why). */
    static final String PUBLISH_OPTIONS = "tempFileName=${file:name}.part&fileExist=TryRename"
            + "&existDirCheckUsingLs=false&sendNoop=false&stepwise=false&disconnect=false";
    /** Fail at once instead of after Camel's default 3 reconnect attempts, 1 s apart. */
    static final String NO_RECONNECT = "&maximumReconnectAttempts=0";

    @TempDir
    Path dir;

    CamelContext camel;
    ProducerTemplate template;
    PlatformSimulator simulator;
    final List<ServerSocket> blockers = new ArrayList<>();

    @BeforeEach
    void camel() {
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (simulator != null) {
            simulator.close();
        }
        camel.stop();
        for (ServerSocket s : blockers) {
            s.close();
        }
    }

    @Test
    void uploadLandsInThePlatformInboundWithNoTempFileLeft() throws IOException {
        PlatformProperties national = platform("national", freePort(), null);
        PlatformProperties provincial = platform("provincial", freePort(), null);
        simulator = simulator(Map.of("national", national, "provincial", provincial));

        assertThat(simulator.isRunning("national")).isTrue();
        assertThat(simulator.isRunning("provincial")).isTrue();
        assertThat(simulator.root("national")).isEqualTo(dir.resolve("platforms/national").toAbsolutePath());
        assertThat(dir.resolve("platforms/national/inbound")).isDirectory();
        assertThat(dir.resolve("platforms/provincial/inbound")).isDirectory();
        assertThat(dir.resolve("keys/client_key")).exists();
        assertThat(Files.readString(dir.resolve("keys/client_key"))).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        // one known_hosts file shared by both platforms: one line each
        List<String> knownHosts = Files.readAllLines(dir.resolve("keys/known_hosts"));
        assertThat(knownHosts).hasSize(2)
                .anyMatch(l -> l.startsWith("[localhost]:" + national.port() + " ecdsa-sha2-nistp521 "))
                .anyMatch(l -> l.startsWith("[localhost]:" + provincial.port() + " ecdsa-sha2-nistp521 "));

        String body = "<request id=\"r-1\">協查 request</request>";
        upload(national, "r-1.xml", body, "");
        upload(provincial, "r-2.xml", "provincial", "");

        Path inbound = simulator.root("national").resolve("inbound");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(inbound.resolve("r-1.xml")).hasContent(body));
        assertThat(simulator.root("provincial").resolve("inbound/r-2.xml")).hasContent("provincial");
        assertThat(listNames(inbound)).containsExactly("r-1.xml");
    }

    @Test
    void hostKeyAndClientKeySurviveStopStartAndANewSimulator() throws IOException {
        PlatformProperties national = platform("national", freePort(), null);
        simulator = simulator(Map.of("national", national));
        String knownHosts = Files.readString(national.knownHosts());
        String clientKey = Files.readString(national.privateKey());
        upload(national, "before.xml", "before", NO_RECONNECT);

        simulator.stop("national");
        simulator.start("national");
        // sendNoop=false: the producer does not notice its cached session died with the server, so
        // exactly one send fails ("Pipe closed"), then the producer reconnects (redelivery covers it)
        assertThatThrownBy(() -> upload(national, "stale.xml", "stale", NO_RECONNECT))
                .satisfies(e -> assertThat(chain(e)).contains("Pipe closed"));
        upload(national, "after-restart.xml", "after restart", NO_RECONNECT);

        simulator.close();
        assertThat(simulator.isRunning("national")).isFalse();
        simulator = simulator(Map.of("national", national)); // as after a restart of the hub
        camel.stop();
        camel();
        assertThat(Files.readString(national.knownHosts())).isEqualTo(knownHosts);
        assertThat(Files.readString(national.privateKey())).isEqualTo(clientKey);
        upload(national, "after-new.xml", "after new simulator", NO_RECONNECT);

        assertThat(listNames(simulator.root("national").resolve("inbound")))
                .containsExactlyInAnyOrder("before.xml", "after-restart.xml", "after-new.xml");
    }

    @Test
    void knownHostsKeepsOtherLinesAndReplacesStaleOnes() throws Exception {
        int port = freePort();
        Path knownHosts = dir.resolve("keys/known_hosts");
        Files.createDirectories(knownHosts.getParent());
        KeyPair stale = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        String other = "[example.org]:2222 " + PublicKeyEntry.toString(stale.getPublic());
        Files.writeString(knownHosts, "# kept\n" + other + "\n[localhost]:" + port + " "
                + PublicKeyEntry.toString(stale.getPublic()) + "\n");

        PlatformProperties national = platform("national", port, null);
        simulator = simulator(Map.of("national", national));

        List<String> lines = Files.readAllLines(knownHosts);
        assertThat(lines).hasSize(3).startsWith("# kept", other);
        assertThat(lines.get(2)).startsWith("[localhost]:" + port + " ecdsa-sha2-nistp521 ");
        upload(national, "ok.xml", "ok", NO_RECONNECT);
    }

    @Test
    void wrongHostKeyInKnownHostsIsRejected() throws Exception {
        PlatformProperties national = platform("national", freePort(), null);
        simulator = simulator(Map.of("national", national));

        Path wrong = dir.resolve("wrong_known_hosts");
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP521, 521);
        Files.writeString(wrong, "[localhost]:" + national.port() + " " + PublicKeyEntry.toString(other.getPublic()) + "\n");
        PlatformProperties client = withKnownHosts(national, wrong);

        assertThatThrownBy(() -> upload(client, "x.xml", "x", NO_RECONNECT))
                .satisfies(e -> assertThat(chain(e)).containsPattern("JSch(Changed|Unknown)HostKeyException")
                        .containsPattern("HostKey has been changed|reject HostKey"));
        assertThat(listNames(simulator.root("national").resolve("inbound"))).isEmpty();
    }

    @Test
    void hostMissingFromKnownHostsIsRejected() throws Exception {
        PlatformProperties national = platform("national", freePort(), null);
        simulator = simulator(Map.of("national", national));
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");

        assertThatThrownBy(() -> upload(withKnownHosts(national, empty), "x.xml", "x", NO_RECONNECT))
                .satisfies(e -> assertThat(chain(e)).contains("JSchUnknownHostKeyException").contains("reject HostKey"));
        assertThat(listNames(simulator.root("national").resolve("inbound"))).isEmpty();
    }

    @Test
    void otherClientKeyIsRejected() throws Exception {
        PlatformProperties national = platform("national", freePort(), null);
        simulator = simulator(Map.of("national", national));

        Path otherKey = dir.resolve("other_key");
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        try (OutputStream out = Files.newOutputStream(otherKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(other, "other", null, out);
        }
        PlatformProperties client = new PlatformProperties(national.scope(), national.host(), national.port(),
                national.username(), null, otherKey, null, national.knownHosts(), national.folders(),
                national.connectTimeout(), national.serverAliveInterval(), national.publishers(), national.pollers(), national.pollInterval());

        assertThatThrownBy(() -> upload(client, "x.xml", "x", NO_RECONNECT))
                .satisfies(e -> assertThat(chain(e)).containsPattern("Auth (fail|cancel)"));
        assertThat(listNames(simulator.root("national").resolve("inbound"))).isEmpty();
    }

    @Test
    void passwordFromTheEnvironmentIsAcceptedAndAWrongOneRejected() throws Exception {
        String secret = UUID.randomUUID() + "&x=(y)"; // generated, and full of URI-significant characters
        PlatformProperties national = platform("national", freePort(), secret);
        simulator = simulator(Map.of("national", national));

        PlatformProperties right = withCredentials(national, "coophub", secret);
        upload(right, "pw.xml", "by password", NO_RECONNECT);
        assertThat(simulator.root("national").resolve("inbound/pw.xml")).hasContent("by password");

        assertThatThrownBy(() -> upload(withCredentials(national, "coophub", secret + "x"), "x.xml", "x", NO_RECONNECT))
                .satisfies(e -> assertThat(chain(e)).containsPattern("Auth (fail|cancel)"));
        assertThatThrownBy(() -> upload(withCredentials(national, "someone", secret), "y.xml", "y", NO_RECONNECT))
                .satisfies(e -> assertThat(chain(e)).containsPattern("Auth (fail|cancel)"));
        assertThat(listNames(simulator.root("national").resolve("inbound"))).containsExactly("pw.xml");
    }

    @Test
    void generatedKeyIsEncryptedWithThePassphraseAndJSchReadsIt() throws IOException {
        PlatformProperties base = platform("national", freePort(), null);
        String passphrase = UUID.randomUUID().toString();
        PlatformProperties national = new PlatformProperties(base.scope(), base.host(), base.port(), base.username(),
                null, dir.resolve("keys/encrypted_key"), passphrase, base.knownHosts(), base.folders(),
                base.connectTimeout(), base.serverAliveInterval(), base.publishers(), base.pollers(), base.pollInterval());
        simulator = simulator(Map.of("national", national));

        String pem = Files.readString(national.privateKey());
        assertThat(pem).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertThat(new String(der, StandardCharsets.ISO_8859_1)).contains("aes256-ctr").contains("bcrypt");
        upload(national, "enc.xml", "encrypted key", NO_RECONNECT);
        assertThat(simulator.root("national").resolve("inbound/enc.xml")).hasContent("encrypted key");
    }

    @Test
    void stoppedPlatformFailsUploadsAndRecoversAfterStart() throws Exception {
        PlatformProperties national = platform("national", freePort(), null);
        simulator = simulator(Map.of("national", national));
        upload(national, "one.xml", "one", NO_RECONNECT);

        simulator.stop("national");
        assertThat(simulator.isRunning("national")).isFalse();
        assertThatThrownBy(() -> upload(national, "two.xml", "two", NO_RECONNECT)).isInstanceOf(Exception.class);

        simulator.start("national");
        assertThat(simulator.isRunning("national")).isTrue();
        upload(national, "three.xml", "three", NO_RECONNECT); // the failed send reset the session
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(simulator.root("national").resolve("inbound/three.xml")).hasContent("three"));
        assertThat(listNames(simulator.root("national").resolve("inbound")))
                .containsExactlyInAnyOrder("one.xml", "three.xml");
    }

    @Test
    void portInUseFailsFastNamingThePlatform() throws Exception {
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(PlatformSimulator.BIND_ADDRESS));
        blockers.add(taken);
        PlatformProperties national = platform("national", freePort(), null);
        PlatformProperties provincial = platform("provincial", taken.getLocalPort(), null);

        assertThatThrownBy(() -> simulator(Map.of("national", national, "provincial", provincial)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'provincial'")
                .hasMessageContaining("coophub.platforms.provincial.port")
                .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        // the platform that did start was stopped again: its port is free
        try (ServerSocket again = new ServerSocket(national.port(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.isBound()).isTrue();
        }
    }

    @Test
    void aFolderOutsideThePlatformRootIsRefusedAlsoWhenTheSettingsDidNotPassFolderRules() throws Exception {
        String elsewhere = dir.resolve("elsewhere").toAbsolutePath().toString();
        for (String replies : List.of("../replies", ".", elsewhere)) {
            PlatformProperties base = platform("national", freePort(), null);
            PlatformProperties national = new PlatformProperties(base.scope(), base.host(), base.port(),
                    base.username(), null, base.privateKey(), null, base.knownHosts(),
                    new PlatformProperties.Folders("inbound", replies, "requests", "our-replies"),
                    base.connectTimeout(), base.serverAliveInterval(), base.publishers(), base.pollers(),
                    base.pollInterval());

            assertThatThrownBy(() -> simulator(Map.of("national", national)))
                    .as(replies)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("coophub.platforms.national.folders.replies must be a folder inside the platform root");
        }
        assertThat(dir.resolve("platforms/replies")).doesNotExist();
        assertThat(dir.resolve("elsewhere")).doesNotExist();
    }

    // --- helpers

    PlatformSimulator simulator(Map<String, PlatformProperties> platforms) {
        return new PlatformSimulator(new SimulatorProperties(true, dir.resolve("platforms"), dir.resolve("keys"), false),
                platforms);
    }

    PlatformProperties platform(String name, int port, String password) {
        return new PlatformProperties("national".equals(name) ? Scope.NATIONAL : Scope.PROVINCIAL, "localhost", port,
                "coophub", password, dir.resolve("keys/client_key"), null, dir.resolve("keys/known_hosts"),
                new PlatformProperties.Folders("inbound", "replies", "requests", "our-replies"), Duration.ofSeconds(5), Duration.ofSeconds(30), 2, 2, Duration.ofSeconds(30));
    }

    static PlatformProperties withKnownHosts(PlatformProperties p, Path knownHosts) {
        return new PlatformProperties(p.scope(), p.host(), p.port(), p.username(), p.password(), p.privateKey(),
                p.privateKeyPassphrase(), knownHosts, p.folders(), p.connectTimeout(), p.serverAliveInterval(),
                p.publishers(), p.pollers(), p.pollInterval());
    }

    /** Password only, no key. */
    static PlatformProperties withCredentials(PlatformProperties p, String username, String password) {
        return new PlatformProperties(p.scope(), p.host(), p.port(), username, password, null, null, p.knownHosts(),
                p.folders(), p.connectTimeout(), p.serverAliveInterval(), p.publishers(), p.pollers(), p.pollInterval());
    }

    void upload(PlatformProperties p, String fileName, String body, String extra) {
        String uri = SftpConnection.uri(p, p.folders().inbound(), PUBLISH_OPTIONS + extra);
        template.sendBodyAndHeader(uri, body.getBytes(StandardCharsets.UTF_8), Exchange.FILE_NAME, fileName);
    }

    static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    static List<String> listNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
