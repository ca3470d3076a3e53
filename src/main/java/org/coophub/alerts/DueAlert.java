package org.coophub.alerts;

import java.time.OffsetDateTime;

/** An alert claimed for sending. */
public record DueAlert(long id, String requestId, DeadlineKind kind, AlertStep step, OffsetDateTime deadline,
        OffsetDateTime fireAt, int sends, int failures) {
}
