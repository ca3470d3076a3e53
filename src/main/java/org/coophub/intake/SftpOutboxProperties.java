package org.coophub.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.coophub.platform.SftpAccount;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A local case system's outbox on its own SFTP server ({@code coophub.intake.sftp-outboxes.<name>.*}), polled like
 * the local outbox: connected to as a platform is, with the same keys. Secrets (password, key passphrase) come from
 * the environment, never from the repository.
 *
 * @param folder where the local system drops its requests, relative to the login directory
 */
public record SftpOutboxProperties(
        String host,
        @Min(1) @Max(65535) @DefaultValue("22") int port,
        String username,
        String password,
        Path privateKey,
        String privateKeyPassphrase,
        Path knownHosts,
        String folder,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration serverAliveInterval,
        @NotNull @DefaultValue("30s") Duration pollInterval) implements SftpAccount {
}
