package org.coophub.ledger;

/** What the publisher needs to put one request on its platform. */
public record PublishTicket(String requestId, String platform, RequestState state, int attempts, String payload) {

    public boolean alreadyPublished() {
        return state == RequestState.PUBLISHED;
    }
}
