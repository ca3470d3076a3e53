package org.coophub.ledger;

import java.time.OffsetDateTime;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Scope;

/** What the ledger stores when a request is accepted: the request, its routing decision and its canonical JSON. */
public record NewRequest(
        CooperationRequest request,
        Direction direction,
        Scope scope,
        String platform,
        String source,
        String contentHash,
        String payload) {

    String requestId() {
        return request.requestId();
    }

    OffsetDateTime createdAt() {
        return request.createdAt();
    }
}
