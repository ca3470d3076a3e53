package org.coophub.alerts;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.coophub.deadlines.DeadlineCalculator;
import org.coophub.deadlines.DeadlineProperties;
import org.coophub.deadlines.HolidayCalendar;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.junit.jupiter.api.Test;

class DeadlineWatchTest {

    private static final OffsetDateTime ENTERED = OffsetDateTime.parse("2026-03-02T09:30:00+08:00");
    private static final AlertScheduleProperties SCHEDULE = new AlertScheduleProperties(Duration.ofDays(1),
            Duration.ofHours(2), Duration.ofDays(1), Duration.ofDays(3), Duration.ofHours(4), Duration.ofMillis(500),
            500, Duration.ofMinutes(2), Duration.ofSeconds(30), LocalTime.of(8, 0));

    private final AlertStore alerts = mock(AlertStore.class);
    private final DeadlineWatch watch = new DeadlineWatch(new DeadlineCalculator(
            new DeadlineProperties(null, Duration.ofHours(8), null, Duration.ofDays(1), null), HolidayCalendar.none(),
            ZoneId.of("Asia/Shanghai")), alerts, mock(Ledger.class), SCHEDULE);

    @Test
    void aRoutineRequestToUsIsChasedForItsSignatureAndItsReply() {
        watch.watch(request(Priority.ROUTINE), Direction.INBOUND, ENTERED);

        verify(alerts).plan("IN-1", DeadlineKind.SIGN_FOR, ENTERED.plusDays(1), Duration.ofHours(12), SCHEDULE);
        verify(alerts).plan("IN-1", DeadlineKind.REPLY, ENTERED.plusDays(7), Duration.ofDays(1), SCHEDULE);
    }

    @Test
    void anUrgentRequestToUsWhoseSignForIsItsReplyDeadlineIsChasedOnce() {
        watch.watch(request(Priority.URGENT), Direction.INBOUND, ENTERED);

        verify(alerts).plan("IN-1", DeadlineKind.REPLY, ENTERED.plusHours(8), Duration.ofHours(2), SCHEDULE);
        verify(alerts, never()).plan(eq("IN-1"), eq(DeadlineKind.SIGN_FOR), any(), any(), any());
    }

    private static CooperationRequest request(Priority priority) {
        return new CooperationRequest("IN-1", RequestType.RECORD_CHECK, priority, null, "110105", null, "A-1", List.of(),
                null, ENTERED);
    }
}
