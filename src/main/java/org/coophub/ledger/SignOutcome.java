package org.coophub.ledger;

public enum SignOutcome {
    SIGNED,
    ALREADY_SIGNED,
    NOT_FOUND,
    /** Only requests from other regions are signed for. */
    NOT_INBOUND,
    /** Already answered or closed. */
    TOO_LATE
}
