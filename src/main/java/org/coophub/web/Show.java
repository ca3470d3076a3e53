package org.coophub.web;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.coophub.alerts.AlertStep;
import org.coophub.alerts.DeadlineKind;
import org.coophub.alerts.Labels;
import org.coophub.ledger.Direction;
import org.coophub.ledger.RequestState;
import org.coophub.privacy.IdNumbers;
import org.coophub.privacy.PersonalData;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the dashboard pages show things ({@code ${@show.state(...)}} in the templates): Chinese names with the English
 * beside them, as the alert emails do; times in the bureau's zone; personal data masked.
 */
@Component("show")
public class Show {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    public Show(@Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
    }

    public String time(OffsetDateTime at) {
        return at == null ? "—" : at.atZoneSameInstant(zone).format(TIME);
    }

    public String time(java.time.Instant at) {
        return at == null ? "—" : at.atZone(zone).format(TIME);
    }

    /** A time the health details give as an ISO instant (a poll), to the second; other text as it is. */
    public String instant(String text) {
        try {
            return java.time.Instant.parse(text).atZone(zone).format(SECONDS);
        } catch (RuntimeException e) {
            return "none since start".equals(text) ? "启动以来无 none since start" : text;
        }
    }

    public String zone() {
        return zone.getId();
    }

    public String type(RequestType type) {
        return type == null ? "" : Labels.zh(type) + " " + Labels.en(type);
    }

    public String typeZh(RequestType type) {
        return Labels.zh(type);
    }

    public String direction(Direction direction) {
        return direction == null ? "" : Labels.zh(direction) + " " + Labels.en(direction);
    }

    public String priority(Priority priority) {
        return priority == null ? "" : Labels.zh(priority) + " " + Labels.en(priority);
    }

    public String state(RequestState state) {
        return state == null ? "" : Labels.zh(state) + " " + Labels.en(state);
    }

    public String state(String state) {
        try {
            return state(RequestState.valueOf(state));
        } catch (IllegalArgumentException | NullPointerException e) {
            return state;
        }
    }

    public String step(AlertStep step, DeadlineKind kind) {
        return step == null ? "" : step.zh(kind) + " " + step.en();
    }

    public String alertState(String state) {
        return state == null ? "" : switch (state) {
            case "PENDING" -> "待发送 Pending";
            case "SENDING" -> "发送中 Sending";
            case "SENT" -> "已发送 Sent";
            case "ACKNOWLEDGED" -> "已确认 Acknowledged";
            case "CANCELLED" -> "已取消 Cancelled";
            default -> state;
        };
    }

    public String result(String result) {
        return result == null ? "" : switch (result) {
            case "FOUND" -> "查有 Found";
            case "NOT_FOUND" -> "查无 Not found";
            case "DONE" -> "已办理 Done";
            case "REFUSED" -> "不予协助 Refused";
            default -> result;
        };
    }

    /** "2d 3h", "4h 10m", "25m": how long, for lateness and time left. */
    public String duration(Duration duration) {
        Duration d = duration.isNegative() ? duration.negated() : duration;
        return d.toDays() > 0 ? d.toDays() + "天 d " + d.toHoursPart() + "时 h"
                : d.toHours() > 0 ? d.toHours() + "时 h " + d.toMinutesPart() + "分 m" : d.toMinutes() + "分 m";
    }

    public String lateness(Long lateSeconds) {
        if (lateSeconds == null) {
            return "无期限 no deadline";
        }
        return lateSeconds == 0 ? "按时 on time" : "超期 late by " + duration(Duration.ofSeconds(lateSeconds));
    }

    /** A person's name as pages show it: the first character and "*" (张三 → 张*). */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return "*";
        }
        String stripped = name.strip();
        return stripped.substring(0, stripped.offsetByCodePoints(0, 1)) + "*";
    }

    /** {@link #text} for templates. */
    public String masked(String text) {
        return text(text);
    }

    /** Whether a request in this state still waits for a reply or a signature. */
    public boolean open(RequestState state) {
        return RequestState.AWAITING_REPLY.contains(state);
    }

    public static String idNumber(String idNumber) {
        return IdNumbers.mask(idNumber);
    }

    /** Free text (details, reply content, reasons): anything like an ID number masked. */
    public static String text(String text) {
        return PersonalData.maskText(text);
    }
}
