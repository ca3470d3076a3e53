package org.coophub.ledger;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request is in its life. Requests we publish (OUTBOUND) go ACCEPTED → (RETRYING) → PUBLISHED → REPLIED;
 * requests other regions send us (INBOUND) go RECEIVED → SIGNED → ANSWERED → CLOSED.
 */
public enum RequestState {
    /** Durably stored and queued for its platform. */
    ACCEPTED,
    /** A publish attempt failed; the broker redelivers it with back-off. */
    RETRYING,
    /** On the platform, as {@code <requestId>.json} in its inbound folder. */
    PUBLISHED,
    /** The other region's reply came back and is recorded; its delivery to the local system is noted apart. */
    REPLIED,
    /** Taken from a platform; handed to our units. */
    RECEIVED,
    /** One of our units signed for it (签收). */
    SIGNED,
    /** Our unit replied; the reply is queued for the platform the request came from. */
    ANSWERED,
    /** Our reply is on the platform. */
    CLOSED;

    /** The states in which a request of ours is still to be published. */
    public static final Set<RequestState> AWAITING_PUBLICATION = Collections.unmodifiableSet(EnumSet.of(ACCEPTED, RETRYING));

    /** The states in which a request still waits for its reply: ours from the other region, theirs from our units. */
    public static final Set<RequestState> AWAITING_REPLY = Collections.unmodifiableSet(
            EnumSet.of(ACCEPTED, RETRYING, PUBLISHED, RECEIVED, SIGNED));

    /** The states as an SQL list, {@code ('ACCEPTED', 'RETRYING')}, for queries that filter by them. */
    public static String sqlList(Set<RequestState> states) {
        return states.stream().map(state -> "'" + state.name() + "'")
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }
}
