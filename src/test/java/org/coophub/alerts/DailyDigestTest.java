package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.ledger.Direction;
import org.coophub.ledger.OpenRequests;
import org.coophub.ledger.RequestState;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.junit.jupiter.api.Test;

class DailyDigestTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-05T08:00:00+08:00");
    private static final AlertScheduleProperties SCHEDULE = new AlertScheduleProperties(Duration.ofDays(1),
            Duration.ofHours(2), Duration.ofDays(1), Duration.ofDays(3), Duration.ofHours(4), Duration.ofMillis(500),
            500, Duration.ofMinutes(2), Duration.ofSeconds(30), LocalTime.of(8, 0));

    @Test
    void anUrgentRequestIsDueSoonOnlyWithinTheUrgentLead() {
        DigestFacts facts = DailyDigest.facts(List.of(
                open("ROUTINE-5H", Priority.ROUTINE, Duration.ofHours(5)),
                open("URGENT-5H", Priority.URGENT, Duration.ofHours(5)),
                open("URGENT-2H", Priority.URGENT, Duration.ofHours(2)),
                open("URGENT-LATE", Priority.URGENT, Duration.ofMinutes(-1))), NOW, SCHEDULE, List.of(), List.of());

        assertThat(facts.dueSoon()).extracting(DigestFacts.Row::requestId).containsExactly("ROUTINE-5H", "URGENT-2H");
        assertThat(facts.otherOpen()).extracting(DigestFacts.Row::requestId).containsExactly("URGENT-5H");
        assertThat(facts.overdue()).extracting(DigestFacts.Row::requestId).containsExactly("URGENT-LATE");
    }

    private static OpenRequests.OpenRequest open(String id, Priority priority, Duration dueIn) {
        return new OpenRequests.OpenRequest(id, RequestType.RECORD_CHECK, priority, Direction.OUTBOUND,
                RequestState.PUBLISHED, NOW.plus(dueIn), null);
    }
}
