package org.coophub.request;

/** Which cooperation platform a request belongs on (README, "The request format": the scope rule). */
public enum Scope {
    /** Within our own province: the provincial platform. */
    PROVINCIAL,
    /** Across provinces: the national (inter-provincial) platform. */
    NATIONAL
}
