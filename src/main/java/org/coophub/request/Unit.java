package org.coophub.request;

/** A police unit: its 12-digit unit code (first six digits its region) and its name. */
public record Unit(String code, String name) {
}
