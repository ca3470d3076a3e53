package org.coophub.ledger;

import org.coophub.request.CooperationRequest;
import org.coophub.request.Scope;
import org.coophub.request.Unit;

/**
 * What the ledger stores when a request enters: the request, its routing decision, its canonical JSON, and for a
 * request from another region, who sent it.
 */
public record NewRequest(
        CooperationRequest request,
        Direction direction,
        Scope scope,
        String platform,
        String source,
        String contentHash,
        String payload,
        String fromRegion,
        Unit fromUnit) {

    public static NewRequest outbound(CooperationRequest request, Scope scope, String platform, String source,
            String contentHash, String payload) {
        return new NewRequest(request, Direction.OUTBOUND, scope, platform, source, contentHash, payload, null, null);
    }

    public static NewRequest inbound(CooperationRequest request, Scope scope, String platform, String contentHash,
            String payload, String fromRegion, Unit fromUnit) {
        return new NewRequest(request, Direction.INBOUND, scope, platform, "PLATFORM", contentHash, payload,
                fromRegion, fromUnit);
    }

    String requestId() {
        return request.requestId();
    }

    RequestState initialState() {
        return direction == Direction.OUTBOUND ? RequestState.ACCEPTED : RequestState.RECEIVED;
    }
}
