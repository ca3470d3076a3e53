package org.coophub.intake;

/** The requestId is taken by an earlier request with different content. */
public class RequestConflictException extends RuntimeException {

    public RequestConflictException(String requestId) {
        super("requestId " + requestId + " was already used for a request with different content");
    }
}
