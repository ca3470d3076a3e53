package org.coophub.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.coophub.platform.Failures;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RequestState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the alerts that are due, oldest first: claims them in the database (so another hub instance on the same
 * database does not send them too), mails the people on duty now, and records each send. A failed send puts the alert
 * back to wait for the SMTP server, with back-off; nothing is lost. Runs at start (steps missed while the hub was down
 * fire at once, in order) and then every {@code coophub.alerts.schedule.sweep-interval}.
 */
@Component
public class AlertSweeper {

    private static final Logger log = LoggerFactory.getLogger(AlertSweeper.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(30);

    private final AlertStore store;
    private final Ledger ledger;
    private final DutyRoster roster;
    private final AlertMail mail;
    private final AckTokens tokens;
    private final AlertsProperties mailSettings;
    private final AlertScheduleProperties schedule;
    private final AlertMailer mailer;
    private final Clock clock;
    private final DailyDigest digest;
    private final MeterRegistry meters;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    public AlertSweeper(AlertStore store, Ledger ledger, DutyRoster roster, AckTokens tokens,
            AlertsProperties mailSettings, AlertScheduleProperties schedule, AlertMailer mailer, Clock clock,
            DailyDigest digest, MeterRegistry meters, @Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        this.digest = digest;
        this.meters = meters;
        // every step and kind from the start, at 0, so that a rate over the counter has a series before the first mail
        for (AlertStep step : AlertStep.values()) {
            for (DeadlineKind kind : DeadlineKind.values()) {
                sentCounter(step, kind);
            }
        }
        this.store = store;
        this.ledger = ledger;
        this.roster = roster;
        this.mail = new AlertMail(zone);
        this.tokens = tokens;
        this.mailSettings = mailSettings;
        this.schedule = schedule;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Sweeps run only while the routes that send mail run: not during start-up, not during shutdown. */
    private volatile boolean running;

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        running = true;
        sweep();
    }

    @EventListener(ContextClosedEvent.class)
    public void onStop() {
        running = false;
    }

    @Scheduled(fixedDelayString = "${coophub.alerts.schedule.sweep-interval:200ms}",
            initialDelayString = "${coophub.alerts.schedule.sweep-interval:200ms}")
    public void onSchedule() {
        if (running) {
            sweep();
        }
    }

    /** @return how many alerts were sent */
    public synchronized int sweep() {
        int sent = 0;
        List<DueAlert> due;
        do {
            OffsetDateTime now = OffsetDateTime.now(clock);
            String claim = instance + "-" + UUID.randomUUID();
            due = store.claimDue(now, claim, schedule.claimLease(), schedule.batch());
            for (int i = 0; i < due.size(); i++) {
                Duration retryIn = send(due.get(i), claim);
                if (retryIn != null) {
                    // the SMTP server is down: the rest of the batch waits as long, so that it stays in order
                    OffsetDateTime retryAt = OffsetDateTime.now(clock).plus(retryIn);
                    due.subList(i + 1, due.size()).forEach(rest -> store.release(rest, claim, "not tried: the SMTP server "
                            + "was unreachable", retryAt));
                    return sent;
                }
                sent++;
            }
        } while (due.size() == schedule.batch());
        digest.sendIfDue(OffsetDateTime.now(clock), instance + "-" + UUID.randomUUID());
        return sent;
    }

    /** @return null if the alert was dealt with (sent, cancelled or no longer ours), else how long until it is retried */
    private Duration send(DueAlert alert, String claim) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!store.holdForSending(alert, claim, now.plus(schedule.claimLease()))) {
            return null;
        }
        LedgerEntry request = ledger.find(alert.requestId()).orElse(null);
        if (request == null || !stillWaiting(request, alert.kind())) {
            store.cancel(alert, claim);
            return null;
        }
        List<String> recipients = roster.onDutyAt(now.toInstant()).recipients(escalation(alert.step()));
        RenderedMail rendered = mail.render(facts(alert, request, recipients, now));
        Exception failure = mailer.send(rendered, recipients);
        if (failure != null) {
            String error = Failures.describe(failure);
            Duration wait = retryDelay(alert.failures());
            store.release(alert, claim, error, now.plus(wait));
            log.warn("Alert {} ({} {} of request {}) could not be sent: {}; retrying in {}", alert.id(), alert.step(),
                    alert.kind(), alert.requestId(), error, wait);
            return wait;
        }
        store.markSent(alert, claim, String.join(", ", recipients), now, repeatAt(alert, now));
        sentCounter(alert.step(), alert.kind()).increment();
        log.info("Alert {} sent: {} {} of request {} to {}", alert.id(), alert.step(), alert.kind(), alert.requestId(),
                recipients);
        return null;
    }

    /** {@code coophub_alerts_sent_total{step,kind}}: alert mails the SMTP server accepted, repeats included. */
    private Counter sentCounter(AlertStep step, DeadlineKind kind) {
        return Counter.builder("coophub.alerts.sent")
                .description("Alert mails accepted by the SMTP server, by step and deadline kind (repeats included)")
                .tags("step", step.name(), "kind", kind.name())
                .register(meters);
    }

    private AlertFacts facts(DueAlert alert, LedgerEntry request, List<String> recipients, OffsetDateTime now) {
        String counterpart = request.direction() == Direction.OUTBOUND ? request.targetRegion()
                : request.fromUnit() == null ? "?" : request.fromUnit().name();
        String ackUrl = mailSettings.ackBaseUrl() + "/alerts/ack?token="
                + tokens.issue(alert.id(), mailSettings.ackValidity());
        return new AlertFacts(alert.id(), alert.step(), alert.kind(), request.requestId(), request.direction(),
                request.type(), request.priority(), request.caseNumber(), request.requestingRoom(), request.platform(),
                counterpart, alert.deadline(), now.toInstant(), recipients, ackUrl);
    }

    private static boolean stillWaiting(LedgerEntry request, DeadlineKind kind) {
        return kind == DeadlineKind.SIGN_FOR ? request.state() == RequestState.RECEIVED
                : RequestState.AWAITING_REPLY.contains(request.state());
    }

    static EscalationLevel escalation(AlertStep step) {
        return switch (step) {
            case DUE_SOON, OVERDUE -> EscalationLevel.OFFICER;
            case SECOND_NOTICE -> EscalationLevel.OFFICER_AND_SUPERVISOR;
            case THIRD_NOTICE -> EscalationLevel.ALL;
        };
    }

    private OffsetDateTime repeatAt(DueAlert alert, OffsetDateTime now) {
        if (alert.step() == AlertStep.DUE_SOON || schedule.repeatEvery().isZero()) {
            return null;
        }
        return now.plus(schedule.repeatEvery());
    }

    private Duration retryDelay(int failures) {
        Duration wait = schedule.retryDelay().multipliedBy(1L << Math.min(failures, 10));
        return wait.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : wait;
    }

}
