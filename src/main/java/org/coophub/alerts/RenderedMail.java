package org.coophub.alerts;

/**
 * An email ready to send: a one-line subject and the same content as plain text and as HTML (sent as
 * multipart/alternative, so every mail client shows one of them).
 */
public record RenderedMail(String subject, String text, String html) {
}
