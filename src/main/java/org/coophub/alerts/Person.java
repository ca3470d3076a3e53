package org.coophub.alerts;

/** Someone alerts can go to, as the duty roster names them. */
public record Person(String id, String name, String email) {
}
