package org.coophub.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    /** Also in the API's JSON, beside lateSeconds: a record's own methods are not properties to Jackson. */
    @JsonProperty
    public Boolean onTime() {
        return lateSeconds == null ? null : lateSeconds == 0;
    }
}
