package org.coophub.replies;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid reply documents for tests to break one field at a time. */
final class Replies {

    static final long MAX_BYTES = 64 * 1024;
    static final long MAX_ATTACHMENT_BYTES = 100L * 1024 * 1024;
    static final String SHA256 = "9b1c" + "0".repeat(56) + "abcd";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Replies() {
    }

    static ReplyParser parser() {
        return new ReplyParser(MAX_BYTES, MAX_ATTACHMENT_BYTES);
    }

    /** A reply with every field given and one attachment. */
    static ObjectNode found() {
        ObjectNode reply = minimal().put("content", "已找到当事人并制作笔录");
        reply.putArray("attachments").addObject()
                .put("name", "statement-1.pdf").put("sha256", SHA256).put("size", 12345);
        return reply;
    }

    /** A reply with only the required fields. */
    static ObjectNode minimal() {
        ObjectNode reply = MAPPER.createObjectNode().put("requestId", "req-2011_0001");
        reply.putObject("replyingUnit").put("code", "310104000000").put("name", "上海市公安局徐汇分局");
        return reply.put("result", "FOUND").put("repliedAt", "2026-03-05T10:00:00+08:00");
    }

    static ObjectNode firstAttachment(ObjectNode reply) {
        return (ObjectNode) reply.get("attachments").get(0);
    }

    static byte[] bytes(ObjectNode reply) {
        try {
            return MAPPER.writeValueAsBytes(reply);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
