package org.coophub.alerts;

import java.time.Duration;
import java.time.Instant;

/**
 * "How late" or "due in how long", in Chinese and English, at the precision an officer acts on: days and hours,
 * hours and minutes, or minutes. Parts are cut, not rounded, so a reminder never promises more time than is left.
 */
record Lateness(String zh, String en) {

    /** How {@code due} stands at {@code asOf}: late from the deadline's very moment on. */
    static Lateness of(Instant due, Instant asOf) {
        if (asOf.isBefore(due)) {
            Duration left = Duration.between(asOf, due);
            return new Lateness("剩余" + zh(left), "due in " + en(left));
        }
        Duration late = Duration.between(due, asOf);
        return new Lateness("超期" + zh(late), en(late) + " late");
    }

    /** Both languages side by side, as subjects and rows show them. */
    String both() {
        return zh + " " + en;
    }

    private static String zh(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "天" + (d.toHoursPart() > 0 ? d.toHoursPart() + "小时" : "");
        }
        if (d.toHours() > 0) {
            return d.toHours() + "小时" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "分钟" : "");
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "分钟" : "不到1分钟";
    }

    private static String en(Duration d) {
        if (d.toDays() > 0) {
            return count(d.toDays(), "day") + (d.toHoursPart() > 0 ? " " + count(d.toHoursPart(), "hour") : "");
        }
        if (d.toHours() > 0) {
            return count(d.toHours(), "hour") + (d.toMinutesPart() > 0 ? " " + count(d.toMinutesPart(), "minute") : "");
        }
        return d.toMinutes() > 0 ? count(d.toMinutes(), "minute") : "less than a minute";
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
