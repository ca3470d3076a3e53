package org.coophub.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.coophub.request.Scope;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One cooperation platform reached over SFTP ({@code coophub.platforms.<name>.*}).
 * Secrets (password, key passphrase) come from the environment, never from the repository.
 */
public record PlatformProperties(
        @NotNull Scope scope,
        @NotBlank String host,
        @Min(1) @Max(65535) int port,
        @NotBlank String username,
        String password,
        Path privateKey,
        String privateKeyPassphrase,
        @NotNull Path knownHosts,
        @Valid @NotNull @DefaultValue Folders folders,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration serverAliveInterval,
        @Min(1) @Max(16) @DefaultValue("2") int publishers) {

    /** Folders on the platform's server, relative to the login directory. */
    public record Folders(@NotBlank @DefaultValue("inbound") String inbound) {
    }

    public boolean hasPassword() {
        return password != null && !password.isBlank();
    }
}
