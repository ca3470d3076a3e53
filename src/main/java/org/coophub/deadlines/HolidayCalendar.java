package org.coophub.deadlines;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coophub.config.PlainYaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Which days are working days: Monday to Friday, except public holidays, plus the weekend days that the State
 * Council's yearly notice turns into working days (调休).
 *
 * <p>The file lists both kinds of exception:
 * <pre>
 * holidays: [2026-10-01, 2026-10-02]   # days off, whatever the weekday
 * workdays: [2026-09-27]               # Saturdays or Sundays that are working days
 * </pre>
 * A year the file does not list is treated as having no holidays, so the file must be renewed every year.
 */
public final class HolidayCalendar {

    private static final Set<String> KEYS = Set.of("holidays", "workdays");

    private final boolean everyDay;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workdays;

    private HolidayCalendar(boolean everyDay, Set<LocalDate> holidays, Set<LocalDate> workdays) {
        this.everyDay = everyDay;
        this.holidays = Set.copyOf(holidays);
        this.workdays = Set.copyOf(workdays);
    }

    /** No calendar: every day counts, so day limits are calendar days. */
    public static HolidayCalendar none() {
        return new HolidayCalendar(true, Set.of(), Set.of());
    }

    public static HolidayCalendar load(Path file) {
        Object document;
        try {
            document = PlainYaml.load(file);
        } catch (IOException e) {
            throw new InvalidHolidayCalendarException(file + ": cannot be read (" + e + ")", e);
        } catch (YAMLException e) {
            throw new InvalidHolidayCalendarException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidHolidayCalendarException(file + ": must be a map with 'holidays' and 'workdays'");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidHolidayCalendarException(
                        file + ": " + key + ": unknown key; expected 'holidays' or 'workdays'");
            }
        }
        Set<LocalDate> holidays = dates(file, "holidays", map.get("holidays"));
        Set<LocalDate> workdays = dates(file, "workdays", map.get("workdays"));
        for (LocalDate day : workdays) {
            if (!isWeekend(day)) {
                throw new InvalidHolidayCalendarException(file + ": workdays: " + day + " is a " + day.getDayOfWeek()
                        + ", a working day anyway; list only weekend days that are worked");
            }
            if (holidays.contains(day)) {
                throw new InvalidHolidayCalendarException(
                        file + ": " + day + " is listed both in holidays and in workdays");
            }
        }
        return new HolidayCalendar(false, holidays, workdays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (everyDay || workdays.contains(day)) {
            return true;
        }
        return !isWeekend(day) && !holidays.contains(day);
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static Set<LocalDate> dates(Path file, String key, Object value) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidHolidayCalendarException(file + ": " + key + ": must be a list of dates (yyyy-MM-dd)");
        }
        Set<LocalDate> dates = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String entry = key + "[" + i + "]";
            LocalDate date = date(file, entry, list.get(i));
            if (!dates.add(date)) {
                throw new InvalidHolidayCalendarException(file + ": " + entry + ": " + date + " is listed twice");
            }
        }
        return dates;
    }

    private static LocalDate date(Path file, String entry, Object value) {
        try {
            if (value instanceof String text) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below, with the entry's name
        }
        throw new InvalidHolidayCalendarException(file + ": " + entry + ": '" + value + "' is not a date (yyyy-MM-dd)");
    }
}
