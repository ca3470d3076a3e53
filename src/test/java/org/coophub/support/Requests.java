package org.coophub.support;

import org.coophub.privacy.IdNumbers;

/** Request documents for tests. The hub in tests serves bureau 110105000000 (Beijing, province 11). */
public final class Requests {

    /** A target in our own province: published on the provincial platform. */
    public static final String BEIJING_HAIDIAN = "110108";
    /** A target in another province: published on the national platform. */
    public static final String SHANGHAI_XUHUI = "310104";

    private Requests() {
    }

    /** A valid ID number born on the given date (yyyyMMdd), with the right check character. */
    public static String idNumber(String region, String birthDate, String sequence) {
        String first17 = region + birthDate + sequence;
        return first17 + IdNumbers.checkCharacter(first17);
    }

    public static String recordCheck(String requestId, String targetRegion) {
        return """
                {"requestId": "%s", "type": "RECORD_CHECK", "priority": "ROUTINE", "requestingRoom": "预审一室",
                 "targetRegion": "%s", "caseNumber": "京朝公(刑)字[2026]0042号",
                 "subjects": [{"name": "张三", "idNumber": "%s"}],
                 "details": "核查户籍及前科", "createdAt": "2026-03-02T09:30:00+08:00"}
                """.formatted(requestId, targetRegion, idNumber("110105", "19800101", "123"));
    }
}
