package org.coophub.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Unit;

/** A request as the ledger knows it, without its personal data (that stays in the payload). */
public record LedgerEntry(
        String requestId,
        Direction direction,
        RequestType type,
        Priority priority,
        String requestingRoom,
        String targetRegion,
        Scope scope,
        String platform,
        String caseNumber,
        RequestState state,
        String source,
        OffsetDateTime createdAt,
        OffsetDateTime acceptedAt,
        int publishAttempts,
        OffsetDateTime publishedAt,
        String publishedPath,
        String fromRegion,
        Unit fromUnit,
        OffsetDateTime signedAt,
        String signedBy,
        OffsetDateTime deliveredAt,
        OffsetDateTime replyDueAt,
        OffsetDateTime signForDueAt,
        RecordedReply reply,
        List<HistoryEntry> history) {
}
