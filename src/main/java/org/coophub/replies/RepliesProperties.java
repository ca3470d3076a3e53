package org.coophub.replies;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Replies and their attachments ({@code coophub.replies.*}). */
@Validated
@ConfigurationProperties("coophub.replies")
public record RepliesProperties(
        @NotNull @DefaultValue("data/local/outbox/replies") Path outbox,
        @NotNull @DefaultValue("data/attachments") Path attachmentStore,
        @NotNull @DefaultValue("2GB") DataSize maxAttachmentSize) {

    /** Where the hub keeps the attachments of one request's reply. */
    public Path attachmentsOf(String requestId) {
        return attachmentStore.resolve(requestId);
    }
}
