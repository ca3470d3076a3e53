package org.coophub.replies;

/** What the replying bureau has to say about the request. */
public enum ReplyResult {
    /** The person or record asked about was found; the content and attachments say what was found. */
    FOUND,
    /** Looked for and not found. */
    NOT_FOUND,
    /** The work asked for (e.g. taking a statement) is done. */
    DONE,
    /** The request cannot be worked; the content says why. */
    REFUSED
}
