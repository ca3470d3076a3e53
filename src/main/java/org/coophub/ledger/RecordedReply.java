package org.coophub.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.request.Unit;

public record RecordedReply(
        Unit replyingUnit,
        String result,
        OffsetDateTime repliedAt,
        OffsetDateTime recordedAt,
        OffsetDateTime deliveredAt,
        List<String> attachments) {
}
