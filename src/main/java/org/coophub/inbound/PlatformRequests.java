package org.coophub.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.coophub.alerts.DeadlineWatch;
import org.coophub.ledger.Direction;
import java.util.List;
import org.apache.camel.Exchange;
import org.coophub.delivery.DeliveryQueue;
import org.coophub.ledger.Admission;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.NewRequest;
import org.coophub.platform.PlatformsProperties;
import org.coophub.platform.TakenFiles;
import org.coophub.privacy.PersonalData;
import org.coophub.replies.PlatformReplies;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a request another region sent to our bureau from a platform's requests folder (routes/inbound.yaml):
 * records it as INBOUND and queues it for our units in one unit of work.
 */
@Component("platformRequests")
public class PlatformRequests {

    private static final Logger log = LoggerFactory.getLogger(PlatformRequests.class);

    private final InboundRequestParser parser;
    private final Ledger ledger;
    private final DeliveryQueue delivery;
    private final PlatformsProperties platforms;
    private final TransactionTemplate transaction;
    private final DeadlineWatch deadlines;
    private final Clock clock;
    private final TakenFiles taken;

    public PlatformRequests(InboundRequestParser parser, Ledger ledger, DeliveryQueue delivery,
            PlatformsProperties platforms, TransactionTemplate transaction, DeadlineWatch deadlines, Clock clock,
            TakenFiles taken) {
        this.deadlines = deadlines;
        this.clock = clock;
        this.taken = taken;
        this.parser = parser;
        this.ledger = ledger;
        this.delivery = delivery;
        this.platforms = platforms;
        this.transaction = transaction;
    }

    public void receive(Exchange exchange) {
        String platform = exchange.getProperty(PlatformReplies.SOURCE, String.class);
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        ParsedInboundRequest parsed = parser.parse(exchange.getMessage().getBody(byte[].class));
        InboundRequest inbound = parsed.inbound();
        CooperationRequest request = inbound.request();
        Scope scope = parser.expectedScope(inbound);
        Scope platformScope = platforms.get(platform).scope();
        if (scope != platformScope) {
            throw new InvalidRequestException(List.of(new FieldError("fromRegion", "platform", "a request from region "
                    + inbound.fromRegion() + " to " + request.targetRegion() + " belongs on the " + scope
                    + " platform but came on " + platform + " (" + platformScope + ")")));
        }
        NewRequest entry = NewRequest.inbound(request, scope, platform, InboundRequestJson.contentHash(parsed),
                new String(InboundRequestJson.write(inbound), StandardCharsets.UTF_8), inbound.fromRegion(),
                inbound.fromUnit());
        String reason = "received from " + inbound.fromUnit().name() + " via " + platform + " (" + file + ")";
        String pollKey = exchange.getProperty(TakenFiles.POLL_KEY, String.class);
        Admission admission = transaction.execute(status -> {
            Admission result = ledger.admit(entry, reason);
            if (result.outcome() == Admission.Outcome.ADMITTED) {
                deadlines.watch(request, Direction.INBOUND, OffsetDateTime.now(clock));
                delivery.requestArrived(request.requestId());
                taken.rememberWith(pollKey);
            }
            return result;
        });
        switch (admission.outcome()) {
            case ADMITTED -> log.info("Received request {} ({}) from {} via {}", request.requestId(), request.type(),
                    inbound.fromUnit().name(), platform);
            case DUPLICATE -> taken(request.requestId(), file, platform);
            case CONFLICT -> throw new InvalidRequestException(List.of(new FieldError("requestId", "unique",
                    request.requestId() + " is already in the ledger with different content")));
        }
    }

    /**
     * As for a reply taken twice (PlatformReplies): a request recorded but not delivered has its delivery queued
     * again.
     */
    private void taken(String requestId, String file, String platform) {
        if (ledger.find(requestId).map(LedgerEntry::deliveredAt).isPresent()) {
            log.info("Request {} from {} was taken before; not delivered again", PersonalData.maskText(file), platform);
        } else {
            delivery.requestArrived(requestId);
            log.info("Request {} from {} was taken before and is not delivered yet; its delivery is queued again",
                    PersonalData.maskText(file), platform);
        }
    }
}
