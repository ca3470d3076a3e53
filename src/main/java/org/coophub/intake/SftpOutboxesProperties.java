package org.coophub.intake;

import jakarta.validation.Valid;
import java.util.Map;
import java.util.stream.Collectors;
import org.coophub.platform.FolderRules;
import org.coophub.platform.SftpAccount;
import org.coophub.platform.SftpAccountRules;
import org.coophub.platform.SftpAccounts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The local systems' outboxes on SFTP servers, by name ({@code coophub.intake.sftp-outboxes}); none by default. */
@Validated
@ConfigurationProperties("coophub.intake")
public record SftpOutboxesProperties(@Valid @DefaultValue Map<String, SftpOutboxProperties> sftpOutboxes)
        implements SftpAccounts {

    private static final String KEY = "coophub.intake.sftp-outboxes.";

    public SftpOutboxesProperties {
        sftpOutboxes = Map.copyOf(sftpOutboxes);
        sftpOutboxes.forEach((name, outbox) -> {
            SftpAccountRules.checkName(KEY + name, name, "an SFTP outbox name");
            SftpAccountRules.check(KEY + name, outbox);
            SftpAccountRules.require(KEY + name + ".folder", outbox.folder());
            FolderRules.checkFolder(KEY + name + ".folder", outbox.folder());
        });
    }

    @Override
    public Map<String, SftpAccount> sftpAccounts() {
        return sftpOutboxes.entrySet().stream().collect(Collectors.toMap(e -> KEY + e.getKey(), Map.Entry::getValue));
    }
}
