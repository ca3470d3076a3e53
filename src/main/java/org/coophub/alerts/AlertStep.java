package org.coophub.alerts;

/**
 * The steps of a deadline's escalation, in order: a warning before it, then up to three notices after it (the
 * NCIC-style "second request, then a third"; README, "Deadlines and alerts").
 */
public enum AlertStep {
    DUE_SOON("到期提醒", "Due soon"),
    OVERDUE("超期未回复", "Overdue"),
    SECOND_NOTICE("第二次催办", "Second notice"),
    THIRD_NOTICE("第三次催办", "Third notice");

    private final String zh;
    private final String en;

    AlertStep(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The Chinese label of this step of a deadline of that kind: "overdue" says what was not done. */
    public String zh(DeadlineKind kind) {
        return this == OVERDUE && kind == DeadlineKind.SIGN_FOR ? "超期未签收" : zh;
    }

    public String en() {
        return en;
    }
}
