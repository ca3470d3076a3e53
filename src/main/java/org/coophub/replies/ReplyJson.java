package org.coophub.replies;

import static org.coophub.intake.CanonicalJson.text;
import static org.coophub.intake.CanonicalJson.writeIfPresent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.coophub.hashing.Sha256;
import org.coophub.intake.CanonicalJson;

/**
 * The canonical JSON form of a reply: compact UTF-8, fields in the record's order, an absent content
 * left out, attachments always written. One reply has exactly one form, so {@link #contentHash}
 * recognises a resubmission whatever its whitespace, field order or hash letter case.
 */
public final class ReplyJson {

    private ReplyJson() {
    }

    public static byte[] write(Reply reply) {
        return CanonicalJson.object(json -> {
            writeIfPresent(json, "requestId", reply.requestId());
            CanonicalJson.writeUnit(json, "replyingUnit", reply.replyingUnit());
            writeIfPresent(json, "result", reply.result());
            writeIfPresent(json, "content", reply.content());
            writeIfPresent(json, "repliedAt", reply.repliedAt());
            json.writeArrayFieldStart("attachments");
            for (Attachment attachment : reply.attachments()) {
                json.writeStartObject();
                writeIfPresent(json, "name", attachment.name());
                writeIfPresent(json, "sha256", attachment.sha256());
                json.writeNumberField("size", attachment.size());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** Reads back what {@link #write} wrote; the input is trusted, so it is not validated again. */
    public static Reply read(byte[] json) {
        JsonNode node = CanonicalJson.read(json, "reply");
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode attachment : node.path("attachments")) {
            attachments.add(new Attachment(text(attachment, "name"), text(attachment, "sha256"),
                    attachment.path("size").asLong()));
        }
        String result = text(node, "result");
        return new Reply(text(node, "requestId"), CanonicalJson.unit(node, "replyingUnit"),
                result == null ? null : ReplyResult.valueOf(result), text(node, "content"),
                CanonicalJson.dateTime(node, "repliedAt"), attachments);
    }

    /** Hex SHA-256 of the canonical form. */
    public static String contentHash(Reply reply) {
        return Sha256.hex(write(reply));
    }
}
