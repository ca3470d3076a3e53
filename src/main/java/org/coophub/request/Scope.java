package org.coophub.request;

/** Which cooperation platform a request belongs on (domain.md, "The scope rule"). */
public enum Scope {
    /** Within our own province: the provincial platform. */
    PROVINCIAL,
    /** Across provinces: the national (inter-provincial) platform. */
    NATIONAL
}
