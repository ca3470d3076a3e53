package org.coophub.platform;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How coophub logs in to an SFTP server and polls it: a cooperation platform ({@code coophub.platforms.<name>}) or a
 * local system's outbox ({@code coophub.intake.sftp-outboxes.<name>}). Both are configured with the same keys, so
 * that the same connection options ({@link SftpConnection}), checks ({@link SftpAccountRules}) and key file checks
 * ({@link SftpKeyFiles}) serve both. Secrets (password, key passphrase) come from the environment.
 */
public interface SftpAccount {

    String host();

    int port();

    String username();

    String password();

    Path privateKey();

    String privateKeyPassphrase();

    /** the only host keys accepted: host key checking is always strict */
    Path knownHosts();

    Duration connectTimeout();

    Duration serverAliveInterval();

    Duration pollInterval();

    default boolean hasPassword() {
        return password() != null && !password().isBlank();
    }
}
