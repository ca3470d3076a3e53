package org.coophub.request;

/**
 * A police unit as the platforms name it: a replying unit, or the sender of a request to us.
 *
 * @param code 12-digit unit code; its first six digits are the unit's GB/T 2260 region code
 */
public record Unit(String code, String name) {
}
