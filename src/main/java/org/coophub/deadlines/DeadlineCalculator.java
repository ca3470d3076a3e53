package org.coophub.deadlines;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.coophub.ledger.Direction;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;

/**
 * Turns the configured limits into deadlines.
 *
 * <p>A limit under a day, or not a whole number of days (8h, 36h), is clock time: entry + limit. A limit of N
 * whole days is counted in local dates of {@code zone}, on a clock that only runs on working days:
 * <ul>
 *   <li>entered on a working day: due on the Nth working day after the entry day, at the entry's local time
 *       (Friday 15:00 + 1d is Monday 15:00);</li>
 *   <li>entered on a non-working day: the clock starts at 00:00 of the next working day, so the deadline is
 *       00:00 of the Nth working day after that one (Saturday + 1d is Tuesday 00:00: all of Monday to reply).</li>
 * </ul>
 * Without a holiday calendar every day is a working day, which makes N days simply N calendar days.
 * Deadlines are given in {@code zone}'s offset, as the bureau reads them.
 */
public final class DeadlineCalculator {

    private static final Duration DAY = Duration.ofDays(1);

    private final DeadlineProperties properties;
    private final HolidayCalendar calendar;
    private final ZoneId zone;

    public DeadlineCalculator(DeadlineProperties properties, HolidayCalendar calendar, ZoneId zone) {
        this.properties = properties;
        this.calendar = calendar;
        this.zone = zone;
    }

    public Deadlines deadlinesFor(Direction direction, RequestType type, Priority priority,
            OffsetDateTime enteredAt) {
        Duration replyLimit = priority == Priority.URGENT
                ? properties.urgentReply()
                : properties.routineReply(direction, type);
        OffsetDateTime replyDue = add(enteredAt, replyLimit);
        if (direction == Direction.OUTBOUND) {
            return new Deadlines(replyDue, null);
        }
        // One cannot reply to what one has not signed for: an urgent request's 8 h also bound its 1 d sign-for.
        OffsetDateTime signForDue = add(enteredAt, properties.signFor());
        return new Deadlines(replyDue, signForDue.isAfter(replyDue) ? replyDue : signForDue);
    }

    private OffsetDateTime add(OffsetDateTime enteredAt, Duration limit) {
        ZonedDateTime entered = enteredAt.atZoneSameInstant(zone);
        boolean wholeDays = limit.toNanos() % DAY.toNanos() == 0;
        if (!wholeDays) {
            return entered.plus(limit).toOffsetDateTime();
        }
        ZonedDateTime start = entered;
        if (!calendar.isWorkingDay(entered.toLocalDate())) {
            start = nextWorkingDay(entered.toLocalDate()).atStartOfDay(zone);
        }
        LocalDate day = start.toLocalDate();
        for (long n = limit.toDays(); n > 0; n--) {
            day = nextWorkingDay(day);
        }
        return ZonedDateTime.of(day, start.toLocalTime(), zone).toOffsetDateTime();
    }

    /** The first working day after {@code day}. */
    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!calendar.isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
