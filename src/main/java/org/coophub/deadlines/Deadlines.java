package org.coophub.deadlines;

import java.time.OffsetDateTime;

/**
 * When a request must be answered, and for a request we received, when our unit must have signed for it.
 *
 * @param replyDue   the reply deadline
 * @param signForDue the sign-for (签收) deadline; {@code null} for a request we published (the other side signs)
 */
public record Deadlines(OffsetDateTime replyDue, OffsetDateTime signForDue) {
}
