package org.coophub.alerts;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.coophub.platform.Failures;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.OpenRequests;
import org.coophub.ledger.RejectedInput;
import org.coophub.ledger.Unpublished;
import org.coophub.ledger.RequestState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The daily digest to the officer on duty and the supervisors: open, due-soon and overdue requests, both directions;
 * the platform files kept aside since the last digest; and our replies still not on their platform an hour after
 * they were recorded.
 * Sent once a day at {@code coophub.alerts.schedule.digest-time}, claimed through a row per day (so two instances
 * send it once); if the SMTP server is down it is tried again at the next sweep.
 */
@Component
public class DailyDigest {

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);
    /** More would not be read in a mail: the dashboard lists every refused input. */
    private static final int MAX_REFUSED_LISTED = 100;

    private final Ledger ledger;
    private final OpenRequests openRequests;
    private final JdbcClient jdbc;
    private final DutyRoster roster;
    private final AlertScheduleProperties schedule;
    private final AlertMailer mailer;
    private final ZoneId zone;
    /** The last day whose digest is known to be out (from here or another instance): no need to ask the database. */
    private volatile LocalDate doneFor;

    /** @param zone the bureau's zone (coophub.zone): the digest's day, its time of day and the times it shows */
    public DailyDigest(Ledger ledger, OpenRequests openRequests, JdbcClient jdbc, DutyRoster roster,
            AlertScheduleProperties schedule, AlertMailer mailer,
            @Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        this.ledger = ledger;
        this.openRequests = openRequests;
        this.jdbc = jdbc;
        this.roster = roster;
        this.schedule = schedule;
        this.mailer = mailer;
        this.zone = zone;
    }

    /** @return true if the digest went out now */
    public boolean sendIfDue(OffsetDateTime now, String claim) {
        ZonedDateTime local = now.atZoneSameInstant(zone);
        LocalDate day = local.toLocalDate();
        if (local.toLocalTime().isBefore(schedule.digestTime()) || day.equals(doneFor) || !claim(day, claim, now)) {
            return false;
        }
        List<String> recipients = roster.onDutyAt(now.toInstant()).recipients(EscalationLevel.OFFICER_AND_SUPERVISOR);
        RenderedMail mail = new DigestMail(zone).render(facts(openRequests.openRequests(), now, schedule,
                ledger.rejectedInputsSince("PLATFORM", refusedSince(now), MAX_REFUSED_LISTED),
                ledger.unpublishedReplies(now.minusHours(1))));
        Exception failure = mailer.send(mail, recipients);
        boolean sent = failure == null;
        jdbc.sql("""
                UPDATE alert_digest SET state = ?, sent_at = ?, recipients = ?, claim = NULL, claimed_until = NULL
                WHERE digest_day = ? AND claim = ?""")
                .params(sent ? "SENT" : "PENDING", sent ? utc(now) : null, String.join(", ", recipients),
                        local.toLocalDate(), claim)
                .update();
        if (sent) {
            doneFor = day;
            log.info("Daily digest for {} sent to {}", local.toLocalDate(), recipients);
        } else {
            log.warn("Daily digest for {} could not be sent: {}; trying again at the next sweep", local.toLocalDate(),
                    Failures.describe(failure));
        }
        return sent;
    }

    /**
     * Since the last digest that went out (a digest held back by an SMTP outage, or a hub that was down, must not
     * leave a gap), and at least the last day.
     */
    private OffsetDateTime refusedSince(OffsetDateTime now) {
        OffsetDateTime dayBefore = now.minusDays(1);
        return jdbc.sql("SELECT MAX(sent_at) FROM alert_digest WHERE state = 'SENT'")
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional()
                .filter(lastSent -> lastSent.isBefore(dayBefore)).orElse(dayBefore);
    }

    private boolean claim(LocalDate day, String claim, OffsetDateTime now) {
        try {
            jdbc.sql("INSERT INTO alert_digest (digest_day, state, claim, claimed_until) VALUES (?, 'SENDING', ?, ?)")
                    .params(day, claim, utc(now.plus(schedule.claimLease()))).update();
            return true;
        } catch (DuplicateKeyException taken) {
            boolean claimed = jdbc.sql("""
                    UPDATE alert_digest SET state = 'SENDING', claim = ?, claimed_until = ?
                    WHERE digest_day = ? AND (state = 'PENDING' OR (state = 'SENDING' AND claimed_until < ?))""")
                    .params(claim, utc(now.plus(schedule.claimLease())), day, utc(now)).update() == 1;
            if (!claimed && jdbc.sql("SELECT COUNT(*) FROM alert_digest WHERE digest_day = ? AND state = 'SENT'")
                    .param(day).query(Integer.class).single() == 1) {
                doneFor = day;
            }
            return claimed;
        }
    }

    /** The open requests in their groups; "due soon" is the same window as the dashboard's, shorter for urgent ones. */
    static DigestFacts facts(List<OpenRequests.OpenRequest> openRequests, OffsetDateTime now,
            AlertScheduleProperties schedule, List<RejectedInput> refused, List<Unpublished> heldBack) {
        List<DigestFacts.Row> overdue = new ArrayList<>();
        List<DigestFacts.Row> dueSoon = new ArrayList<>();
        List<DigestFacts.Row> other = new ArrayList<>();
        for (OpenRequests.OpenRequest open : openRequests) {
            boolean awaitingSignature = open.state() == RequestState.RECEIVED && open.signForDue() != null;
            DeadlineKind kind = awaitingSignature ? DeadlineKind.SIGN_FOR : DeadlineKind.REPLY;
            OffsetDateTime due = awaitingSignature ? open.signForDue() : open.replyDue();
            DigestFacts.Row row = new DigestFacts.Row(open.requestId(), open.type(), open.direction(), kind, due,
                    open.state());
            if (due.isBefore(now)) {
                overdue.add(row);
            } else if (!due.isAfter(now.plus(schedule.dueSoonLead(open.priority())))) {
                dueSoon.add(row);
            } else {
                other.add(row);
            }
        }
        return new DigestFacts(now.toInstant(), overdue, dueSoon, other, refused, heldBack);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
