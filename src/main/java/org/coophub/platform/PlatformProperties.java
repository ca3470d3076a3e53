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
        String host,
        @Min(1) @Max(65535) int port,
        String username,
        String password,
        Path privateKey,
        String privateKeyPassphrase,
        Path knownHosts,
        @Valid @NotNull @DefaultValue Folders folders,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration serverAliveInterval,
        @Min(1) @Max(16) @DefaultValue("2") int publishers,
        @Min(1) @Max(16) @DefaultValue("2") int pollers,
        @NotNull @DefaultValue("30s") Duration pollInterval) implements SftpAccount {

    /**
     * Folders on the platform's server, relative to the login directory. A file there counts only once it has its
     * final name ({@code *.json}); attachments are placed before the JSON that names them.
     */
    public record Folders(
            /** we publish our requests here */
            @NotBlank @DefaultValue("inbound") String inbound,
            /** replies to our requests appear here */
            @NotBlank @DefaultValue("replies") String replies,
            /** requests from other regions addressed to our bureau appear here */
            @NotBlank @DefaultValue("requests") String requests,
            /** we publish our replies to those requests here */
            @NotBlank @DefaultValue("our-replies") String ourReplies) {
    }
}
