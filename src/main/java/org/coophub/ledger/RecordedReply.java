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
        List<String> attachments,
        /** how late the reply came against its deadline (0: on time); null when the request had no deadline */
        Long lateSeconds) {

    public Boolean onTime() {
        return lateSeconds == null ? null : lateSeconds == 0;
    }
}
