package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.util.URISupport;
import org.coophub.request.Scope;
import org.junit.jupiter.api.Test;

class SftpConnectionTest {

    static PlatformProperties platform(String password, Path key, String passphrase) {
        return new PlatformProperties(Scope.NATIONAL, "localhost", 2201, "coophub", password, key, passphrase,
                Path.of("data/simulator/known_hosts"), new PlatformProperties.Folders("inbound", "replies", "requests", "our-replies"),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 2, 2, Duration.ofSeconds(30));
    }

    @Test
    void keyBasedUriVerifiesHostKeysWithAbsolutePaths() {
        String uri = SftpConnection.uri(platform(null, Path.of("data/simulator/client_key"), null), "inbound",
                "fileExist=TryRename");
        String knownHosts = Path.of("data/simulator/known_hosts").toAbsolutePath().normalize().toString();
        String key = Path.of("data/simulator/client_key").toAbsolutePath().normalize().toString();
        assertThat(uri).isEqualTo("sftp:localhost:2201/inbound?username=coophub&privateKeyFile=" + key
                + "&knownHostsFile=" + knownHosts + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false"
                + "&connectTimeout=10000&serverAliveInterval=30000&fileExist=TryRename");
        assertThat(uri).doesNotContain("password");
    }

    @Test
    void passwordAndPassphraseAreRawAndParseBackExactly() throws Exception {
        String password = "p&ss=w0rd+%20 (x)";
        String passphrase = "a)b&c";
        PlatformProperties p = platform(password, Path.of("/keys/id"), passphrase);
        String options = SftpConnection.connectionOptions(p);
        assertThat(options).contains("password=RAW{" + password + "}").contains("privateKeyPassphrase=RAW{a)b&c}");

        Map<String, Object> parsed = URISupport.parseQuery(options, false, true);
        URISupport.resolveRawParameterValues(parsed);
        assertThat(parsed).containsEntry("password", password).containsEntry("privateKeyPassphrase", passphrase)
                .containsEntry("strictHostKeyChecking", "yes").containsEntry("privateKeyFile", "/keys/id");

        String redacted = SftpConnection.redact(SftpConnection.uri(p, "inbound", null));
        assertThat(redacted).doesNotContain("p&ss").doesNotContain("a)b").contains("password=xxxxxx");
    }

    @Test
    void hostKeyCheckingAndCredentialsCannotBeOverridden() {
        PlatformProperties p = platform("secret", null, null);
        assertThatThrownBy(() -> SftpConnection.uri(p, "inbound", "strictHostKeyChecking=no"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictHostKeyChecking");
        assertThatThrownBy(() -> SftpConnection.uri(p, "inbound", "a=b&knownHostsFile=/dev/null"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SftpConnection.uri(p, "/inbound", "?disconnect=false"))
                .startsWith("sftp:localhost:2201/inbound?username=coophub&password=RAW(secret)&knownHostsFile=")
                .endsWith("&disconnect=false");
    }
}
