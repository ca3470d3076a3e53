package org.coophub.inbound;

import org.coophub.intake.ParsedRequest;
import org.coophub.request.Unit;

/**
 * A validated request to us plus what its content hash needs to know about the submission (see
 * {@link ParsedRequest}: a defaulted createdAt must not take part in the hash).
 */
public record ParsedInboundRequest(ParsedRequest parsed, String fromRegion, Unit fromUnit) {

    public InboundRequest inbound() {
        return new InboundRequest(parsed.request(), fromRegion, fromUnit);
    }
}
