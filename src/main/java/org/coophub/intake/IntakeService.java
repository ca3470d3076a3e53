package org.coophub.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.coophub.alerts.DeadlineWatch;
import org.coophub.ledger.Admission;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.NewRequest;
import org.coophub.platform.PlatformsProperties;
import org.coophub.publishing.PublishQueue;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Scope;
import org.coophub.routing.ScopeRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way into coophub for a local request, whatever channel brought it: validate, decide the platform,
 * store it in the ledger and queue it for publication, in one unit of work (shared with the requests that arrive at
 * the same moment, {@link GroupAdmission}). When this returns, the request can no longer be lost.
 */
@Service
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

    private final RequestParser parser;
    private final ScopeRule scopeRule;
    private final PlatformsProperties platforms;
    private final Ledger ledger;
    private final PublishQueue queue;
    private final GroupAdmission admissions;
    private final DeadlineWatch deadlines;
    private final Clock clock;

    public IntakeService(RequestParser parser, ScopeRule scopeRule, PlatformsProperties platforms, Ledger ledger,
            PublishQueue queue, TransactionTemplate transaction, DeadlineWatch deadlines, Clock clock) {
        this.deadlines = deadlines;
        this.clock = clock;
        this.parser = parser;
        this.scopeRule = scopeRule;
        this.platforms = platforms;
        this.ledger = ledger;
        this.queue = queue;
        this.admissions = new GroupAdmission(transaction, this::admitInTransaction);
    }

    /**
     * @throws InvalidRequestException the input breaks the request format or a rule
     * @throws RequestConflictException the requestId was used before for different content
     */
    public Receipt accept(byte[] input, Channel channel, String inputName) {
        ParsedRequest parsed = parser.parse(input);
        CooperationRequest request = parsed.request();
        Scope scope = scopeRule.scopeFor(request.targetRegion());
        String platform = platforms.platformFor(scope);
        NewRequest entry = NewRequest.outbound(request, scope, platform, channel.name(),
                RequestJson.contentHash(parsed), new String(RequestJson.write(request, scope), StandardCharsets.UTF_8));
        // the input's name is the submitter's and may carry an ID number: the ledger masks its history
        String reason = "accepted via " + channel + " (" + inputName + "), for the " + platform + " platform";
        Admission admission;
        try {
            admission = admissions.admit(entry, reason);
        } catch (DuplicateKeyException raced) {
            // the same requestId arrived twice at once (at another hub on the same database); the second look sees
            // the first one's row
            admission = admissions.admit(entry, reason);
        }
        return switch (admission.outcome()) {
            case ADMITTED -> {
                log.info("Accepted request {} ({}, {}) via {}; queued for {}", request.requestId(), request.type(),
                        scope, channel, platform);
                yield new Receipt(request.requestId(), admission.state(), false);
            }
            case DUPLICATE -> {
                log.info("Request {} via {} is a duplicate of one already accepted; not queued again",
                        request.requestId(), channel);
                yield new Receipt(request.requestId(), admission.state(), true);
            }
            case CONFLICT -> throw new RequestConflictException(request.requestId());
        };
    }

    /** Ledger row, deadlines and alerts, and the broker message, inside the transaction GroupAdmission runs. */
    private Admission admitInTransaction(NewRequest entry, String reason) {
        Admission admission = ledger.admit(entry, reason);
        if (admission.outcome() == Admission.Outcome.ADMITTED) {
            deadlines.watch(entry.request(), Direction.OUTBOUND, OffsetDateTime.now(clock));
            queue.enqueue(entry.request().requestId(), entry.platform());
        }
        return admission;
    }
}
