package org.coophub.replies;

/**
 * A well-formed reply that cannot be taken: unknown request, wrong direction, a second, different reply, or an
 * attachment it names that is not beside it.
 */
public class ReplyRefusedException extends RuntimeException {

    private final Reason reason;

    public enum Reason {
        UNKNOWN_REQUEST,
        WRONG_DIRECTION,
        CONFLICT,
        MISSING_ATTACHMENT
    }

    public ReplyRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
