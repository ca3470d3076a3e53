package org.coophub.alerts;

/** How far up an alert goes: each level adds people to the one before. */
public enum EscalationLevel {
    /** The officer on duty. */
    OFFICER,
    /** The officer and the day's supervisors. */
    OFFICER_AND_SUPERVISOR,
    /** The officer, the supervisors and the head of the bureau's cooperation work. */
    ALL
}
