package org.coophub.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Stops the start when an SFTP account's known-hosts file (a platform's, a local system's outbox's), or its
 * private-key file when one is set, is missing or cannot be read: every connection would fail, and requests would
 * wait for a fix nobody is told about.
 *
 * <p>Checked once every bean exists, not when the settings are bound: in the default profile the platform simulator
 * (a bean) writes both files on its first start.
 */
@Component
class SftpKeyFiles implements SmartInitializingSingleton {

    private final List<SftpAccounts> configured;

    SftpKeyFiles(List<SftpAccounts> configured) {
        this.configured = configured;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, SftpAccount> accounts = new TreeMap<>();
        configured.forEach(some -> accounts.putAll(some.sftpAccounts()));
        accounts.forEach((key, account) -> {
            check(key + ".known-hosts", account.knownHosts());
            if (account.privateKey() != null) {
                check(key + ".private-key", account.privateKey());
            }
        });
    }

    private static void check(String key, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new IllegalStateException(key + ": " + absolute + " does not exist");
        }
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalStateException(key + ": " + absolute + " is not a file");
        }
        if (!Files.isReadable(absolute)) {
            throw new IllegalStateException(key + ": " + absolute + " cannot be read by the hub's user");
        }
    }
}
