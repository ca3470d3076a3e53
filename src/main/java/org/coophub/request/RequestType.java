package org.coophub.request;

/** The three kinds of cooperation request the platforms carry. */
public enum RequestType {
    /** 案件核实 */
    CASE_VERIFICATION,
    /** 查找当事人制作笔录 */
    PARTY_STATEMENT,
    /** 户籍前科协查 */
    RECORD_CHECK;

    /** Types that are meaningless without at least one named subject. */
    public boolean needsSubjects() {
        return this != CASE_VERIFICATION;
    }
}
