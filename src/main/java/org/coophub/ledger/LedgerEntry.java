package org.coophub.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.privacy.PersonalData;
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

    /**
     * The entry as the API shows it: an ID number in its free text (the case number, the requesting room, the
     * signer, the reply's attachment names, the history's reasons) masked, as the dashboard shows it.
     */
    public LedgerEntry withPersonalDataMasked() {
        RecordedReply maskedReply = reply == null ? null : new RecordedReply(reply.replyingUnit(), reply.result(),
                reply.repliedAt(), reply.recordedAt(), reply.deliveredAt(),
                reply.attachments().stream().map(PersonalData::maskText).toList(), reply.lateSeconds());
        List<HistoryEntry> maskedHistory = history.stream()
                .map(h -> new HistoryEntry(h.at(), h.state(), PersonalData.maskText(h.reason()))).toList();
        return new LedgerEntry(requestId, direction, type, priority, PersonalData.maskText(requestingRoom),
                targetRegion, scope, platform, PersonalData.maskText(caseNumber), state, source, createdAt, acceptedAt,
                publishAttempts, publishedAt, publishedPath, fromRegion, fromUnit, signedAt,
                PersonalData.maskText(signedBy), deliveredAt, replyDueAt, signForDueAt, maskedReply, maskedHistory);
    }
}
