package org.coophub.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.request.Unit;

/** A reply to one request, in either direction, as the ledger stores it (payload: its canonical JSON). */
public record NewReply(
        String requestId,
        Unit replyingUnit,
        String result,
        OffsetDateTime repliedAt,
        String contentHash,
        String payload,
        List<String> attachments) {

    public NewReply {
        attachments = List.copyOf(attachments);
    }
}
