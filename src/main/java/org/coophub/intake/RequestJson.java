package org.coophub.intake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Subject;

/**
 * The canonical JSON form of a request: compact UTF-8, fields in the record's order, absent optional
 * fields left out, priority always written. One request has exactly one form, which is what lets
 * {@link #contentHash} recognise a resubmission whatever its whitespace or field order.
 */
public final class RequestJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private RequestJson() {
    }

    /**
     * @param decidedScope the scope the scope rule chose, written in place of the submitted one; null
     *                     writes the request's own scope
     */
    public static byte[] write(CooperationRequest request, Scope decidedScope) {
        return canonical(request, decidedScope == null ? request.scope() : decidedScope, request.createdAt());
    }

    /**
     * Hex SHA-256 of the request as submitted. A createdAt the parser defaulted is left out, since it
     * differs on every submission of the same document.
     */
    public static String contentHash(ParsedRequest parsed) {
        CooperationRequest request = parsed.request();
        byte[] json = canonical(request, request.scope(), parsed.createdAtGiven() ? request.createdAt() : null);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Reads back what {@link #write} wrote; the input is trusted, so it is not validated again. */
    public static CooperationRequest read(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            List<Subject> subjects = new ArrayList<>();
            for (JsonNode subject : node.path("subjects")) {
                subjects.add(new Subject(text(subject, "name"), text(subject, "idNumber")));
            }
            String scope = text(node, "scope");
            String createdAt = text(node, "createdAt");
            return new CooperationRequest(text(node, "requestId"), RequestType.valueOf(text(node, "type")),
                    Priority.valueOf(text(node, "priority")), text(node, "requestingRoom"),
                    text(node, "targetRegion"), scope == null ? null : Scope.valueOf(scope),
                    text(node, "caseNumber"), subjects, text(node, "details"),
                    createdAt == null ? null : OffsetDateTime.parse(createdAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (IOException e) {
            throw new UncheckedIOException("not canonical request JSON", e);
        }
    }

    private static byte[] canonical(CooperationRequest request, Scope scope, OffsetDateTime createdAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            writeIfPresent(json, "requestId", request.requestId());
            writeIfPresent(json, "type", request.type());
            writeIfPresent(json, "priority", request.priority());
            writeIfPresent(json, "requestingRoom", request.requestingRoom());
            writeIfPresent(json, "targetRegion", request.targetRegion());
            writeIfPresent(json, "scope", scope);
            writeIfPresent(json, "caseNumber", request.caseNumber());
            json.writeArrayFieldStart("subjects");
            for (Subject subject : request.subjects()) {
                json.writeStartObject();
                writeIfPresent(json, "name", subject.name());
                writeIfPresent(json, "idNumber", subject.idNumber());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeIfPresent(json, "details", request.details());
            writeIfPresent(json, "createdAt",
                    createdAt == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(createdAt));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeIfPresent(JsonGenerator json, String name, Object value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
