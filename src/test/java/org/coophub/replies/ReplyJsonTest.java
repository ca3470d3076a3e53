package org.coophub.replies;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.coophub.replies.Replies.SHA256;
import static org.coophub.replies.Replies.bytes;
import static org.coophub.replies.Replies.firstAttachment;
import static org.coophub.replies.Replies.found;
import static org.coophub.replies.Replies.minimal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.coophub.request.Unit;
import org.junit.jupiter.api.Test;

class ReplyJsonTest {

    private static final Reply REPLY = new Reply("req-1", new Unit("310104000000", "上海市公安局徐汇分局"),
            ReplyResult.FOUND, "已找到\n\"张伟\"", OffsetDateTime.parse("2026-03-05T10:00:00+08:00"),
            List.of(new Attachment("statement-1.pdf", SHA256, 12345)));

    private final ReplyParser parser = Replies.parser();

    @Test
    void writesFieldsInTheRecordsOrder() {
        assertThat(new String(ReplyJson.write(REPLY), UTF_8)).isEqualTo("{\"requestId\":\"req-1\","
                + "\"replyingUnit\":{\"code\":\"310104000000\",\"name\":\"上海市公安局徐汇分局\"},"
                + "\"result\":\"FOUND\",\"content\":\"已找到\\n\\\"张伟\\\"\","
                + "\"repliedAt\":\"2026-03-05T10:00:00+08:00\","
                + "\"attachments\":[{\"name\":\"statement-1.pdf\",\"sha256\":\"" + SHA256 + "\",\"size\":12345}]}");
    }

    @Test
    void leavesOutAnAbsentContentButAlwaysWritesAttachments() {
        Reply bare = new Reply("req-1", REPLY.replyingUnit(), ReplyResult.NOT_FOUND, null, REPLY.repliedAt(), null);
        assertThat(new String(ReplyJson.write(bare), UTF_8)).doesNotContain("content")
                .endsWith("\"attachments\":[]}");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(ReplyJson.read(ReplyJson.write(REPLY))).isEqualTo(REPLY);
        Reply bare = parser.parse(bytes(minimal()));
        assertThat(ReplyJson.read(ReplyJson.write(bare))).isEqualTo(bare);
    }

    @Test
    void writtenFormParsesAsAValidReply() {
        assertThat(parser.parse(ReplyJson.write(REPLY))).isEqualTo(REPLY);
    }

    @Test
    void hashIgnoresWhitespaceFieldOrderAndHashLetterCase() {
        Reply submitted = parser.parse(bytes(found()));
        String reordered = "{ \"attachments\" : [ {\"size\": 12345, \"sha256\": \"" + SHA256.toUpperCase()
                + "\", \"name\": \"statement-1.pdf\"} ],\n  \"repliedAt\": \"2026-03-05T10:00:00+08:00\","
                + " \"content\": \"已找到当事人并制作笔录\", \"result\": \"FOUND\",\n"
                + " \"replyingUnit\": {\"name\": \"上海市公安局徐汇分局\", \"code\": \"310104000000\"},"
                + " \"requestId\": \"req-2011_0001\" }\n";

        assertThat(ReplyJson.contentHash(parser.parse(reordered.getBytes(UTF_8))))
                .isEqualTo(ReplyJson.contentHash(submitted)).matches("[0-9a-f]{64}");
    }

    @Test
    void hashChangesWithAnyField() {
        String hash = ReplyJson.contentHash(parser.parse(bytes(found())));
        ObjectNode otherSize = found();
        firstAttachment(otherSize).put("size", 12346);

        assertThat(List.of(found().put("content", "已找到"), found().put("result", "DONE"), otherSize,
                found().put("repliedAt", "2026-03-05T10:00:01+08:00")))
                .allSatisfy(changed -> assertThat(ReplyJson.contentHash(parser.parse(bytes(changed))))
                        .isNotEqualTo(hash));
    }
}
