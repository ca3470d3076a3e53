package org.coophub.ledger;

/** What happened when a request was offered to the ledger. */
public record Admission(Outcome outcome, RequestState state) {

    public enum Outcome {
        /** New: stored now. */
        ADMITTED,
        /** The same requestId with identical content was stored before: nothing changed. */
        DUPLICATE,
        /** The same requestId with different content was stored before: refused. */
        CONFLICT
    }
}
