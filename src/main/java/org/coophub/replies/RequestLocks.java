package org.coophub.replies;

/**
 * One lock per request, for taking a reply to it: whether a reply is recorded is checked, its attachments are
 * written into the shared store ({@code coophub.replies.attachment-store}, by requestId) and it is recorded, all
 * under the request's lock. Two different replies to one request (polled side by side from a platform, or ours by
 * REST and as a file at once) then cannot both pass the check and overwrite each other's attachments before one
 * of them is refused. Striped: replies to different requests rarely wait for each other, and the locks stay few.
 * In-process only; the publisher checks every stored attachment against its reply before it goes out.
 */
final class RequestLocks {

    static final int STRIPES = 64;

    private final Object[] stripes = new Object[STRIPES];

    RequestLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** The monitor to hold while taking a reply to {@code requestId}. */
    Object of(String requestId) {
        return stripes[Math.floorMod(requestId.hashCode(), stripes.length)];
    }
}
