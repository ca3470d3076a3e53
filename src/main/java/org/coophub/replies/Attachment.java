package org.coophub.replies;

/**
 * A file sent with a reply, e.g. a statement transcript. The file travels next to the reply; the reply
 * names it and declares its size and hash so the receiver can tell a complete copy from a broken one.
 *
 * @param name   plain file name, no directories
 * @param sha256 lowercase hex SHA-256 of the file's bytes
 * @param size   the file's length in bytes
 */
public record Attachment(String name, String sha256, long size) {
}
