package org.coophub.alerts;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.coophub.deadlines.DeadlineCalculator;
import org.coophub.deadlines.Deadlines;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.request.CooperationRequest;
import org.springframework.stereotype.Component;

/**
 * Gives a request its deadlines when it enters the ledger and plans the alerts that chase them: for a request we
 * published, the other side's reply; for one we received, our units' sign-for and reply. Runs inside the transaction
 * that stores the request, so no request is ever without its alerts.
 */
@Component
public class DeadlineWatch {

    private final DeadlineCalculator calculator;
    private final AlertStore alerts;
    private final Ledger ledger;
    private final AlertScheduleProperties schedule;

    public DeadlineWatch(DeadlineCalculator calculator, AlertStore alerts, Ledger ledger,
            AlertScheduleProperties schedule) {
        this.calculator = calculator;
        this.alerts = alerts;
        this.ledger = ledger;
        this.schedule = schedule;
    }

    public void watch(CooperationRequest request, Direction direction, OffsetDateTime enteredAt) {
        Deadlines deadlines = calculator.deadlinesFor(direction, request.type(), request.priority(), enteredAt);
        ledger.setDeadlines(request.requestId(), deadlines.replyDue(), deadlines.signForDue());
        Duration lead = schedule.dueSoonLead(request.priority());
        alerts.plan(request.requestId(), DeadlineKind.REPLY, deadlines.replyDue(),
                dueSoonLead(lead, enteredAt, deadlines.replyDue()), schedule);
        // An urgent request's sign-for is clamped to its reply deadline: chasing both would send every mail twice,
        // and the reply's alerts chase the signature too, since there is no reply without one.
        if (deadlines.signForDue() != null && deadlines.signForDue().isBefore(deadlines.replyDue())) {
            alerts.plan(request.requestId(), DeadlineKind.SIGN_FOR, deadlines.signForDue(),
                    dueSoonLead(lead, enteredAt, deadlines.signForDue()), schedule);
        }
    }

    /** "Due soon" never comes before half the time allowed, or a short deadline would be "due soon" on arrival. */
    static Duration dueSoonLead(Duration configured, OffsetDateTime enteredAt, OffsetDateTime deadline) {
        Duration half = Duration.between(enteredAt, deadline).dividedBy(2);
        return configured.compareTo(half) > 0 ? half : configured;
    }
}
