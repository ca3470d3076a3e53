package org.coophub.request;

/** A person a request is about. The ID number is personal data: never log it unmasked. */
public record Subject(String name, String idNumber) {
}
