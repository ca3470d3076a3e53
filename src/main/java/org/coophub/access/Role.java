package org.coophub.access;

/** What a user may do. ADMIN includes LIAISON, which includes VIEWER; SYSTEM is for local systems relaying by API. */
public enum Role {
    /** Reads the dashboard, requests, statistics and alerts. */
    VIEWER,
    /** Also acknowledges alerts, signs for and replies to requests from other regions, submits requests. */
    LIAISON,
    /** Also requeues quarantined inputs, enters detentions, reads the configuration (secrets hidden) and the audit trail. */
    ADMIN,
    /** A local case system: submits requests, reads their state, signs for and replies to requests to us, enters
     * detentions. */
    SYSTEM
}
