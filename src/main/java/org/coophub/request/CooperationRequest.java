package org.coophub.request;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A cooperation request as a local system submits it (field names are the public format, see README).
 * Instances are only built by the intake parser, after validation.
 */
public record CooperationRequest(
        String requestId,
        RequestType type,
        Priority priority,
        String requestingRoom,
        String targetRegion,
        Scope scope,
        String caseNumber,
        List<Subject> subjects,
        String details,
        OffsetDateTime createdAt) {

    public CooperationRequest {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }
}
