package org.coophub.intake;

/** The ways a local system can hand coophub a request. */
public enum Channel {
    REST,
    FILE,
    JMS
}
