package org.coophub.deadlines;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How late something was (or is) against its deadline, worded for alerts and the dashboard: days and hours, or
 * hours and minutes, or minutes alone, because an officer reads "2天3小时" faster than "51:00".
 */
public final class Lateness {

    private final Duration late;

    private Lateness(Duration late) {
        this.late = late;
    }

    /** Lateness at {@code at} of something due at {@code due}; exactly at the deadline is on time. */
    public static Lateness of(OffsetDateTime due, OffsetDateTime at) {
        Duration late = Duration.between(due, at);
        return new Lateness(late.isNegative() ? Duration.ZERO : late);
    }

    public boolean onTime() {
        return late.isZero();
    }

    /** How late; zero when on time. */
    public Duration late() {
        return late;
    }

    /** "2天3小时", "5小时12分钟", "40分钟"; "按时" when on time. */
    public String describeZh() {
        if (onTime()) {
            return "按时";
        }
        return words("天", "天", "小时", "小时", "分钟", "分钟", "");
    }

    /** "2 days 3 hours", "5 hours 12 minutes", "1 minute"; "on time" when on time. */
    public String describeEn() {
        if (onTime()) {
            return "on time";
        }
        return words(" day", " days", " hour", " hours", " minute", " minutes", " ");
    }

    /**
     * The two largest units that matter. Seconds are dropped, except that anything late is at least "1 minute":
     * "0 minutes late" would read as on time.
     */
    private String words(String day, String days, String hour, String hours, String minute, String minutes,
            String gap) {
        long d = late.toDays();
        int h = late.toHoursPart();
        int m = late.toMinutesPart();
        if (d > 0) {
            return h == 0 ? count(d, day, days) : count(d, day, days) + gap + count(h, hour, hours);
        }
        if (h > 0) {
            return m == 0 ? count(h, hour, hours) : count(h, hour, hours) + gap + count(m, minute, minutes);
        }
        return count(Math.max(m, 1), minute, minutes);
    }

    private static String count(long n, String one, String many) {
        return n + (n == 1 ? one : many);
    }
}
