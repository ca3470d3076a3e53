package org.coophub.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coophub.ledger.Direction.INBOUND;
import static org.coophub.ledger.Direction.OUTBOUND;
import static org.coophub.request.Priority.ROUTINE;
import static org.coophub.request.Priority.URGENT;
import static org.coophub.request.RequestType.CASE_VERIFICATION;
import static org.coophub.request.RequestType.PARTY_STATEMENT;
import static org.coophub.request.RequestType.RECORD_CHECK;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.coophub.request.RequestType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadlineCalculatorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DeadlineProperties DEFAULTS =
            new DeadlineProperties(null, Duration.ofHours(8), null, Duration.ofDays(1), null);

    @TempDir
    Path dir;

    private final DeadlineCalculator calendarDays = new DeadlineCalculator(DEFAULTS, HolidayCalendar.none(), SHANGHAI);

    // ---- calendar days (no holiday file, the default)

    @Test
    void aRequestWePublishedIsDueAfterItsTypesLimitAndHasNoSignForDeadline() {
        Deadlines deadlines = calendarDays.deadlinesFor(OUTBOUND, RECORD_CHECK, ROUTINE, at("2026-03-02T09:30"));
        assertThat(deadlines.replyDue()).isEqualTo(at("2026-03-09T09:30"));
        assertThat(deadlines.signForDue()).isNull();
        assertThat(calendarDays.deadlinesFor(OUTBOUND, CASE_VERIFICATION, ROUTINE, at("2026-03-02T09:30")).replyDue())
                .isEqualTo(at("2026-03-09T09:30"));
        assertThat(calendarDays.deadlinesFor(OUTBOUND, PARTY_STATEMENT, ROUTINE, at("2026-03-02T09:30")).replyDue())
                .isEqualTo(at("2026-03-17T09:30"));
    }

    @Test
    void calendarDaysRunThroughWeekendsAndHolidays() {
        assertThat(calendarDays.deadlinesFor(OUTBOUND, RECORD_CHECK, ROUTINE, at("2026-09-30T10:00")).replyDue())
                .isEqualTo(at("2026-10-07T10:00"));
    }

    @Test
    void aRequestWeReceivedMustBeSignedForWithinADay() {
        Deadlines deadlines = calendarDays.deadlinesFor(INBOUND, RECORD_CHECK, ROUTINE, at("2026-03-02T09:30"));
        assertThat(deadlines.replyDue()).isEqualTo(at("2026-03-09T09:30"));
        assertThat(deadlines.signForDue()).isEqualTo(at("2026-03-03T09:30"));
    }

    @Test
    void anUrgentRequestOfAnyTypeIsDueInEightHoursEitherWay() {
        for (RequestType type : RequestType.values()) {
            assertThat(calendarDays.deadlinesFor(OUTBOUND, type, URGENT, at("2026-03-02T09:30")).replyDue())
                    .isEqualTo(at("2026-03-02T17:30"));
            assertThat(calendarDays.deadlinesFor(INBOUND, type, URGENT, at("2026-03-02T09:30")).replyDue())
                    .isEqualTo(at("2026-03-02T17:30"));
        }
    }

    @Test
    void anUrgentRequestMustBeSignedForNoLaterThanItsReply() {
        Deadlines deadlines = calendarDays.deadlinesFor(INBOUND, PARTY_STATEMENT, URGENT, at("2026-03-02T09:30"));
        assertThat(deadlines.signForDue()).isEqualTo(deadlines.replyDue()).isEqualTo(at("2026-03-02T17:30"));
    }

    @Test
    void inboundOverridesApplyOnlyToRequestsWeReceived() {
        DeadlineProperties properties = new DeadlineProperties(null, Duration.ofHours(8),
                Map.of(RECORD_CHECK, Duration.ofDays(5)), Duration.ofDays(1), null);
        DeadlineCalculator calculator = new DeadlineCalculator(properties, HolidayCalendar.none(), SHANGHAI);
        assertThat(calculator.deadlinesFor(INBOUND, RECORD_CHECK, ROUTINE, at("2026-03-02T09:30")).replyDue())
                .isEqualTo(at("2026-03-07T09:30"));
        assertThat(calculator.deadlinesFor(OUTBOUND, RECORD_CHECK, ROUTINE, at("2026-03-02T09:30")).replyDue())
                .isEqualTo(at("2026-03-09T09:30"));
        assertThat(calculator.deadlinesFor(INBOUND, PARTY_STATEMENT, ROUTINE, at("2026-03-02T09:30")).replyDue())
                .as("no override for this type").isEqualTo(at("2026-03-17T09:30"));
        assertThat(calculator.deadlinesFor(INBOUND, RECORD_CHECK, URGENT, at("2026-03-02T09:30")).replyDue())
                .as("urgency wins over the override").isEqualTo(at("2026-03-02T17:30"));
    }

    @Test
    void deadlinesAreGivenInTheBureausZoneWhateverTheEntryOffset() {
        OffsetDateTime enteredUtc = OffsetDateTime.parse("2026-03-02T01:30:00Z");
        OffsetDateTime due = calendarDays.deadlinesFor(OUTBOUND, RECORD_CHECK, ROUTINE, enteredUtc).replyDue();
        assertThat(due).isEqualTo(at("2026-03-09T09:30"));
        assertThat(due.getOffset()).hasToString("+08:00");
    }

    // ---- working days (with a holiday file)

    @Test
    void fromAWorkingDayTheDeadlineIsTheNthWorkingDayAfterAtTheSameTime() throws IOException {
        DeadlineCalculator calculator = workingDays();
        // Friday 15:00 + 1 working day: Monday 15:00
        assertThat(calculator.deadlinesFor(INBOUND, RECORD_CHECK, ROUTINE, at("2026-10-16T15:00")).signForDue())
                .isEqualTo(at("2026-10-19T15:00"));
        // Wednesday before National Day + 7: Oct 8, 9, 10 (a worked Saturday), 12, 13, 14, 15
        assertThat(calculator.deadlinesFor(OUTBOUND, RECORD_CHECK, ROUTINE, at("2026-09-30T10:00")).replyDue())
                .isEqualTo(at("2026-10-15T10:00"));
    }

    @Test
    void onANonWorkingDayTheClockStartsAtMidnightOfTheNextWorkingDay() throws IOException {
        DeadlineCalculator calculator = workingDays();
        // Saturday afternoon + 1: the clock starts Monday 00:00, so all of Monday, due Tuesday 00:00
        assertThat(calculator.deadlinesFor(INBOUND, RECORD_CHECK, ROUTINE, at("2026-10-17T15:00")).signForDue())
                .isEqualTo(at("2026-10-20T00:00"));
        // a holiday (National Day) + 1: the clock starts Thursday 8 October, due Friday 9 October 00:00
        assertThat(calculator.deadlinesFor(INBOUND, RECORD_CHECK, ROUTINE, at("2026-10-03T11:00")).signForDue())
                .isEqualTo(at("2026-10-09T00:00"));
        // a worked Saturday counts as a working day
        assertThat(calculator.deadlinesFor(INBOUND, RECORD_CHECK, ROUTINE, at("2026-10-10T09:00")).signForDue())
                .isEqualTo(at("2026-10-12T09:00"));
    }

    @Test
    void theEntryDayIsTheLocalDateInTheBureausZone() throws IOException {
        // 20:00 UTC on Friday is 04:00 on Saturday in Shanghai: a non-working day there
        OffsetDateTime enteredUtc = OffsetDateTime.parse("2026-10-16T20:00:00Z");
        assertThat(workingDays().deadlinesFor(INBOUND, RECORD_CHECK, ROUTINE, enteredUtc).signForDue())
                .isEqualTo(at("2026-10-20T00:00"));
    }

    @Test
    void limitsThatAreNotWholeDaysStayClockTime() throws IOException {
        DeadlineProperties properties = new DeadlineProperties(null, Duration.ofHours(8), null,
                Duration.ofHours(36), calendarFile());
        DeadlineCalculator calculator = new DeadlineCalculator(properties, HolidayCalendar.load(calendarFile()),
                SHANGHAI);
        Deadlines deadlines = calculator.deadlinesFor(INBOUND, RECORD_CHECK, URGENT, at("2026-10-16T20:00"));
        assertThat(deadlines.replyDue()).as("8 h over a weekend night").isEqualTo(at("2026-10-17T04:00"));
        Deadlines routine = calculator.deadlinesFor(INBOUND, RECORD_CHECK, ROUTINE, at("2026-10-16T20:00"));
        assertThat(routine.signForDue()).as("36 h").isEqualTo(at("2026-10-18T08:00"));
    }

    private DeadlineCalculator workingDays() throws IOException {
        return new DeadlineCalculator(DEFAULTS, HolidayCalendar.load(calendarFile()), SHANGHAI);
    }

    private Path calendarFile() throws IOException {
        return Files.writeString(dir.resolve("holidays.yaml"), """
                holidays: [2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, 2026-10-06, 2026-10-07]
                workdays: [2026-09-20, 2026-10-10]
                """);
    }

    private static OffsetDateTime at(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + ":00+08:00");
    }
}
