package org.coophub.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.JsonFields;
import org.coophub.intake.RequestParser;
import org.coophub.request.Scope;
import org.coophub.request.Unit;
import org.coophub.routing.ScopeRule;

/**
 * Parses requests other regions send us: the request format under the same rules, plus
 * {@code fromRegion} and {@code fromUnit}. The sender applied the scope rule from its own province,
 * so an explicit scope is judged by the sender's province against the target's, not by ours.
 */
public final class InboundRequestParser {

    private static final Set<String> SENDER_FIELDS = Set.of("fromRegion", "fromUnit");

    private final RequestParser requests;

    public InboundRequestParser(ScopeRule ourRule, Clock clock, long maxBytes) {
        this.requests = new RequestParser(ourRule, clock, maxBytes);
    }

    /** @throws InvalidRequestException listing every problem found */
    public ParsedInboundRequest parse(byte[] bytes) {
        RequestParser.Extended<Sender> parsed = requests.parse(bytes, SenderFields.INSTANCE);
        return new ParsedInboundRequest(parsed.parsed(), parsed.extra().region(), parsed.extra().unit());
    }

    /**
     * The platform the request should have come on: provincial if sender and target share a province,
     * otherwise national. The caller compares it with the platform the request did come on.
     */
    public Scope expectedScope(InboundRequest inbound) {
        return ScopeRule.ofSender(inbound.fromRegion()).scopeFor(inbound.request().targetRegion());
    }

    private record Sender(String region, Unit unit) {
    }

    private enum SenderFields implements RequestParser.Variant<Sender> {
        INSTANCE;

        @Override
        public Set<String> extraFields() {
            return SENDER_FIELDS;
        }

        @Override
        public Sender read(JsonNode document, List<FieldError> errors) {
            return new Sender(JsonFields.regionCode(document, "fromRegion", "fromRegion", errors),
                    JsonFields.unit(document, "fromUnit", "fromUnit", errors));
        }

        @Override
        public ScopeRule scopeRule(Sender sender) {
            return sender.region() == null ? null : ScopeRule.ofSender(sender.region());
        }
    }
}
