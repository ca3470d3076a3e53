package org.coophub.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.ledger.RejectedInput;
import org.coophub.ledger.Unpublished;
import java.util.Objects;
import org.coophub.ledger.Direction;
import org.coophub.ledger.RequestState;
import org.coophub.request.RequestType;

/**
 * What the daily digest lists: every open request of both directions, in three disjoint groups. The subject's
 * "open" count is all three together, so "3 overdue · 5 due soon · 40 open" means 32 others are on time. Values are
 * unmasked; {@link DigestMail} masks and escapes them.
 *
 * @param asOf      when the digest was made: its date, and how late each row is, are taken from here
 * @param overdue   past their deadline
 * @param dueSoon   not yet late, but due within the reminder window
 * @param otherOpen every other open request
 * @param refused   files from the platforms kept aside since the last digest: a request from another region among
 *                  them is in no list above and would never be answered unless someone looks
 * @param heldBack  our replies recorded over an hour ago and still not on their platform (answered, so in no list
 *                  above, and their alerts stopped): the platform down, or an attachment name still taken there
 */
public record DigestFacts(Instant asOf, List<Row> overdue, List<Row> dueSoon, List<Row> otherOpen,
        List<RejectedInput> refused, List<Unpublished> heldBack) {

    public DigestFacts {
        Objects.requireNonNull(asOf, "asOf");
        overdue = List.copyOf(overdue);
        dueSoon = List.copyOf(dueSoon);
        otherOpen = List.copyOf(otherOpen);
        refused = List.copyOf(refused);
        heldBack = List.copyOf(heldBack);
    }


    /** All open requests, the three groups together. */
    public int openCount() {
        return overdue.size() + dueSoon.size() + otherOpen.size();
    }

    /** One request and the deadline it is waiting on. */
    public record Row(String requestId, RequestType type, Direction direction, DeadlineKind kind, OffsetDateTime due,
            RequestState state) {

        public Row {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(state, "state");
        }
    }
}
