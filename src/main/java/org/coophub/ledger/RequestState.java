package org.coophub.ledger;

public enum RequestState {
    /** Durably stored and queued for its platform. */
    ACCEPTED,
    /** A publish attempt failed; the broker redelivers it with back-off. */
    RETRYING,
    /** On the platform, as {@code <requestId>.json} in its inbound folder. */
    PUBLISHED
}
