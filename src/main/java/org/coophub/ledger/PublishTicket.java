package org.coophub.ledger;

/** What the publisher needs to put one request on its platform. */
public record PublishTicket(String requestId, String platform, RequestState state, String payload) {

    /**
     * Whether the request still has to go to its platform. Not once published, and not once replied either: a
     * reply can come back while the message that published the request waits for a redelivery (its upload went
     * through but the acknowledgement did not), and uploading the request again would ask the other region twice.
     */
    public boolean awaitsPublication() {
        return RequestState.AWAITING_PUBLICATION.contains(state);
    }
}
