package org.coophub.alerts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Who is on duty when, read from {@code config/duty-roster.yaml} by {@link DutyRosterLoader}.
 *
 * <p>A duty day runs from one shift change to the next: at 03:00 on Tuesday, Monday's officer is still on duty.
 */
public final class DutyRoster {

    private final ZoneId zone;
    private final LocalTime shiftChange;
    private final String fallbackEmail;
    private final Person head;
    private final Map<DayOfWeek, Person> weekdays;
    private final Map<LocalDate, Person> dates;
    private final Map<DayOfWeek, List<Person>> supervisors;

    DutyRoster(ZoneId zone, LocalTime shiftChange, String fallbackEmail, Person head,
            Map<DayOfWeek, Person> weekdays, Map<LocalDate, Person> dates, Map<DayOfWeek, List<Person>> supervisors) {
        this.zone = zone;
        this.shiftChange = shiftChange;
        this.fallbackEmail = fallbackEmail;
        this.head = head;
        this.weekdays = Map.copyOf(weekdays);
        this.dates = Map.copyOf(dates);
        this.supervisors = Map.copyOf(supervisors);
    }

    /** The duty day {@code instant} falls in: its local date, or the day before if it is before the shift change. */
    public LocalDate dutyDayAt(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        return local.toLocalTime().isBefore(shiftChange) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    public OnDuty onDutyAt(Instant instant) {
        LocalDate day = dutyDayAt(instant);
        // a single date's entry (a holiday swap) takes precedence over the weekly rota
        Person officer = dates.containsKey(day) ? dates.get(day) : weekdays.get(day.getDayOfWeek());
        return new OnDuty(officer, supervisors.getOrDefault(day.getDayOfWeek(), List.of()), head, fallbackEmail);
    }
}
