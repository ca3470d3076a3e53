package org.coophub.ledger;

public enum Direction {
    /** A request our bureau published, waiting for another region's reply. */
    OUTBOUND,
    /** A request another region sent us, waiting for our units' reply. */
    INBOUND
}
