package org.coophub.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.coophub.ledger.Direction;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;

/**
 * What one alert email says. Values are as the ledger holds them, unmasked: {@link AlertMail} masks and escapes
 * them, so no caller can forget to.
 *
 * @param alertId        the alert's own id, which the acknowledgement link carries
 * @param requestingRoom the team or pre-trial room that asked (outbound), or null
 * @param platform       the platform the request is on, by its configured name (e.g. {@code national})
 * @param counterpart    the other side: the target region code for an OUTBOUND request, the sending unit's name for
 *                       an INBOUND one
 * @param asOf           when the alert was raised; how late (or how soon) is measured from here
 * @param recipients     email addresses, at least one
 * @param ackUrl         the acknowledgement link (http or https), or null when acknowledging is not offered
 */
public record AlertFacts(
        long alertId,
        AlertStep step,
        DeadlineKind kind,
        String requestId,
        Direction direction,
        RequestType type,
        Priority priority,
        String caseNumber,
        String requestingRoom,
        String platform,
        String counterpart,
        OffsetDateTime due,
        Instant asOf,
        List<String> recipients,
        String ackUrl) {

    /** One address, no spaces or control characters, so that a recipient cannot smuggle in another header. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s\\p{Cntrl}@]+@[^\\s\\p{Cntrl}@]+");
    /** Only web links: a {@code javascript:} or {@code data:} link must never reach an officer's mail client. */
    private static final Pattern WEB_LINK = Pattern.compile("https?://[^\\s\\p{Cntrl}]+");

    public AlertFacts {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(caseNumber, "caseNumber");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(counterpart, "counterpart");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(asOf, "asOf");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an alert needs at least one recipient");
        }
        for (String recipient : recipients) {
            if (!ADDRESS.matcher(recipient).matches()) {
                throw new IllegalArgumentException("not a single email address: " + MailText.line(recipient));
            }
        }
        if (ackUrl != null && !WEB_LINK.matcher(ackUrl).matches()) {
            throw new IllegalArgumentException("the acknowledgement link must be an http or https URL");
        }
    }

    /** How late the deadline is, or how soon it falls, when the alert is raised. */
    Lateness lateness() {
        return Lateness.of(due.toInstant(), asOf);
    }
}
