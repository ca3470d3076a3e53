package org.coophub.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

/** Local dates from and to, both inclusive, in the bureau's zone (coophub.zone). */
public record Period(LocalDate from, LocalDate to) {

    public static Period of(YearMonth month) {
        return new Period(month.atDay(1), month.atEndOfMonth());
    }

    /**
     * The same period a year earlier, which growth is measured against. A period of whole months is compared with
     * the same whole months a year earlier, so February 2025 is set against February 2024 including the 29th (and
     * February 2024 against February 2023). Otherwise each day is the same date a year earlier, 29 February becoming
     * 28 February: a period of a single 28 February stays one day.
     */
    public Period yearEarlier() {
        YearMonth lastMonth = YearMonth.from(to);
        boolean wholeMonths = from.getDayOfMonth() == 1 && to.equals(lastMonth.atEndOfMonth());
        LocalDate earlierTo = wholeMonths ? lastMonth.minusYears(1).atEndOfMonth() : to.minusYears(1);
        return new Period(from.minusYears(1), earlierTo);
    }

    /** The first instant of the period. */
    OffsetDateTime start(ZoneId zone) {
        return from.atStartOfDay(zone).toOffsetDateTime();
    }

    /** The first instant after the period, so that the last day counts whole whatever the clock's precision. */
    OffsetDateTime end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }
}
