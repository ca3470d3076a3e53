package org.coophub.deadlines;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.coophub.ledger.Direction;
import org.coophub.request.RequestType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reply and sign-for limits ({@code coophub.deadlines.*}). Each administration sets its own; the defaults are ours
 * and stated with a comment in {@code config/application.yaml}.
 *
 * @param reply           reply limit by type, for both directions; every type must have one
 * @param urgentReply     reply limit of an URGENT request of any type, either direction
 * @param inboundReply    per-type limits for requests we received, overriding {@code reply}
 * @param signFor         how long our units have to sign for (签收) a request we received
 * @param holidayCalendar optional holiday file; when set, limits in whole days count working days
 */
@Validated
@ConfigurationProperties("coophub.deadlines")
public record DeadlineProperties(
        Map<RequestType, Duration> reply,
        @DefaultValue("8h") Duration urgentReply,
        Map<RequestType, Duration> inboundReply,
        @DefaultValue("1d") Duration signFor,
        Path holidayCalendar) {

    private static final String PREFIX = "coophub.deadlines.";

    public DeadlineProperties {
        // Defaults only when the map is absent: a partial map would mix our limits with the administration's
        // without anyone noticing, so once written it must name every type.
        reply = reply == null ? defaultReply() : new EnumMap<>(reply);
        inboundReply = inboundReply == null ? Map.of() : new EnumMap<>(inboundReply);
        for (RequestType type : RequestType.values()) {
            if (!reply.containsKey(type)) {
                throw new IllegalArgumentException(PREFIX + "reply." + type
                        + " is missing: every request type needs a reply limit");
            }
            requirePositive("reply." + type, reply.get(type));
        }
        inboundReply.forEach((type, limit) -> requirePositive("inbound-reply." + type, limit));
        requirePositive("urgent-reply", urgentReply);
        requirePositive("sign-for", signFor);
        reply = Map.copyOf(reply);
        inboundReply = Map.copyOf(inboundReply);
        // an empty "holiday-calendar:" binds as the empty path: it means no calendar, not the working folder
        holidayCalendar = holidayCalendar == null || holidayCalendar.toString().isBlank() ? null : holidayCalendar;
    }

    /** Our own defaults: 7 days for checks (the 2012 procedure rules' limit for identity and record checks). */
    private static Map<RequestType, Duration> defaultReply() {
        Map<RequestType, Duration> reply = new EnumMap<>(RequestType.class);
        reply.put(RequestType.RECORD_CHECK, Duration.ofDays(7));
        reply.put(RequestType.CASE_VERIFICATION, Duration.ofDays(7));
        reply.put(RequestType.PARTY_STATEMENT, Duration.ofDays(15));
        return reply;
    }

    /** The limit for a routine request of this type in that direction. */
    Duration routineReply(Direction direction, RequestType type) {
        Duration override = direction == Direction.INBOUND ? inboundReply.get(type) : null;
        return override != null ? override : reply.get(type);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + key + " must be a positive duration (e.g. 7d or 8h), was "
                    + value);
        }
    }
}
