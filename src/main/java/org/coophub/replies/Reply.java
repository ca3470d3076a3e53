package org.coophub.replies;

import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.request.Unit;

/**
 * A reply to a cooperation request (field names are the public format). Instances are built by
 * {@link ReplyParser} after validation, or read back from the canonical form.
 */
public record Reply(
        String requestId,
        Unit replyingUnit,
        ReplyResult result,
        String content,
        OffsetDateTime repliedAt,
        List<Attachment> attachments) {

    public Reply {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
