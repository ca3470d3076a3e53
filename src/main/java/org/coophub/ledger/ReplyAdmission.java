package org.coophub.ledger;

/** What happened when a reply was offered to the ledger. */
public record ReplyAdmission(Outcome outcome, String platform) {

    public enum Outcome {
        /** Stored now; the request moved on (REPLIED or ANSWERED). */
        RECORDED,
        /** The same reply was stored before: nothing changed. */
        DUPLICATE,
        /** A different reply for this request was stored before: refused. */
        CONFLICT,
        /** No request with that id. */
        UNKNOWN_REQUEST,
        /** The request exists but runs the other way (e.g. a platform "reply" to a request we received). */
        WRONG_DIRECTION
    }

    public boolean recorded() {
        return outcome == Outcome.RECORDED;
    }
}
