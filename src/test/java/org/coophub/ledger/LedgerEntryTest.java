package org.coophub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Unit;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {

    private static final String ID_NUMBER = IdNumberFixtures.valid("110105", "19900307", "451");
    private static final String MASKED = IdNumbers.mask(ID_NUMBER);
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T08:00:00Z");

    @Test
    void theApiViewMasksAnIdNumberInEveryFreeTextAndKeepsTheRest() {
        LedgerEntry entry = new LedgerEntry("REQ-1", Direction.INBOUND, RequestType.RECORD_CHECK, Priority.URGENT,
                "room of " + ID_NUMBER, "310104", Scope.NATIONAL, "national", "case " + ID_NUMBER,
                RequestState.REPLIED, "FILE", AT, AT, 1, AT, "inbound/REQ-1.json", "310000",
                new Unit("310104000000", "徐汇分局"), AT, "signer " + ID_NUMBER, AT, AT, AT,
                new RecordedReply(new Unit("110105000000", "朝阳分局"), "FOUND", AT, AT, AT,
                        List.of("statement-" + ID_NUMBER + ".pdf"), 0L),
                List.of(new HistoryEntry(AT, "ACCEPTED", "accepted via FILE (" + ID_NUMBER + ".json)")));

        LedgerEntry shown = entry.withPersonalDataMasked();

        assertThat(shown.requestingRoom()).isEqualTo("room of " + MASKED);
        assertThat(shown.caseNumber()).isEqualTo("case " + MASKED);
        assertThat(shown.signedBy()).isEqualTo("signer " + MASKED);
        assertThat(shown.reply().attachments()).containsExactly("statement-" + MASKED + ".pdf");
        assertThat(shown.history()).extracting(HistoryEntry::reason).containsExactly("accepted via FILE (" + MASKED + ".json)");
        assertThat(shown).usingRecursiveComparison()
                .ignoringFields("requestingRoom", "caseNumber", "signedBy", "reply.attachments", "history")
                .isEqualTo(entry);
        assertThat(shown.toString()).doesNotContain(ID_NUMBER);
    }

    @Test
    void anEntryWithoutReplyOrSignerStaysAsItIs() {
        LedgerEntry entry = new LedgerEntry("REQ-2", Direction.OUTBOUND, RequestType.CASE_VERIFICATION,
                Priority.ROUTINE, null, "310104", Scope.NATIONAL, "national", "京朝公(刑)字[2026]0042号",
                RequestState.PUBLISHED, "REST", AT, AT, 1, AT, "inbound/REQ-2.json", null, null, null, null, null,
                AT, null, null, List.of());

        assertThat(entry.withPersonalDataMasked()).isEqualTo(entry);
    }
}
