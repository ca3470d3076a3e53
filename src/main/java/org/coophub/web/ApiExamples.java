package org.coophub.web;

/**
 * The JSON examples of the API documentation (/v3/api-docs, /swagger-ui.html), the same documents as in README.md.
 * Constants, because annotation values must be.
 */
final class ApiExamples {

    static final String REQUEST = """
            {"requestId": "CY-2026-0001", "type": "RECORD_CHECK", "priority": "ROUTINE", "requestingRoom": "预审一室",
             "targetRegion": "310104", "caseNumber": "京朝公(刑)字[2026]0042号",
             "subjects": [{"name": "张三", "idNumber": "11010519491231002X"}],
             "details": "核查户籍及前科", "createdAt": "2026-03-02T09:30:00+08:00"}""";

    static final String RECEIPT = """
            {"requestId": "CY-2026-0001", "state": "ACCEPTED", "duplicate": false}""";

    static final String REFUSAL = """
            {"errors": [{"field": "targetRegion", "rule": "region",
                         "message": "must lie in a province: 99 is not a GB/T 2260 province code"}]}""";

    static final String CONFLICT = """
            {"errors": [{"field": "requestId", "rule": "unique",
                         "message": "requestId CY-2026-0001 was already used for a request with different content"}]}""";

    static final String REPLY = """
            {"requestId": "SH-2026-77", "replyingUnit": {"code": "110105000000", "name": "北京市公安局朝阳分局"},
             "result": "DONE", "content": "已制作笔录 statement taken", "repliedAt": "2026-03-05T10:00:00+08:00",
             "attachments": [{"name": "SH-2026-77-transcript.pdf",
               "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "size": 48213}]}""";

    static final String REPLY_RECEIPT = """
            {"requestId": "SH-2026-77", "state": "ANSWERED", "duplicate": false}""";

    private ApiExamples() {
    }
}
