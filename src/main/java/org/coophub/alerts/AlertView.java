package org.coophub.alerts;

import java.time.OffsetDateTime;

/** An alert as the API lists it. */
public record AlertView(long id, String requestId, DeadlineKind kind, AlertStep step, OffsetDateTime deadline,
        OffsetDateTime fireAt, String state, int sends, OffsetDateTime lastSentAt, String recipients, String lastError,
        OffsetDateTime acknowledgedAt, String acknowledgedBy) {
}
