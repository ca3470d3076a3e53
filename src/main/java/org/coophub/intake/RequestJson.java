package org.coophub.intake;

import static org.coophub.intake.CanonicalJson.text;
import static org.coophub.intake.CanonicalJson.writeIfPresent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.coophub.hashing.Sha256;
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

    private RequestJson() {
    }

    /**
     * @param decidedScope the scope the scope rule chose, written in place of the submitted one; null
     *                     writes the request's own scope
     */
    public static byte[] write(CooperationRequest request, Scope decidedScope) {
        Scope scope = decidedScope == null ? request.scope() : decidedScope;
        return CanonicalJson.object(json -> writeFields(json, request, scope, request.createdAt()));
    }

    /**
     * Hex SHA-256 of the request as submitted. A createdAt the parser defaulted is left out, since it
     * differs on every submission of the same document.
     */
    public static String contentHash(ParsedRequest parsed) {
        return Sha256.hex(CanonicalJson.object(json -> writeSubmitted(json, parsed)));
    }

    /** Reads back what {@link #write} wrote; the input is trusted, so it is not validated again. */
    public static CooperationRequest read(byte[] json) {
        return read(CanonicalJson.read(json, "request"));
    }

    /** The request fields of a canonical object, which may hold more fields (a variant's). */
    public static CooperationRequest read(JsonNode node) {
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode subject : node.path("subjects")) {
            subjects.add(new Subject(text(subject, "name"), text(subject, "idNumber")));
        }
        String scope = text(node, "scope");
        return new CooperationRequest(text(node, "requestId"), RequestType.valueOf(text(node, "type")),
                Priority.valueOf(text(node, "priority")), text(node, "requestingRoom"),
                text(node, "targetRegion"), scope == null ? null : Scope.valueOf(scope),
                text(node, "caseNumber"), subjects, text(node, "details"), CanonicalJson.dateTime(node, "createdAt"));
    }

    /** Writes the request fields as submitted, for a variant's content hash: a defaulted createdAt is left out. */
    public static void writeSubmitted(JsonGenerator json, ParsedRequest parsed) throws IOException {
        CooperationRequest request = parsed.request();
        writeFields(json, request, request.scope(), parsed.createdAtGiven() ? request.createdAt() : null);
    }

    /** Writes the request fields in their canonical order into an object a caller has opened. */
    public static void writeFields(JsonGenerator json, CooperationRequest request, Scope scope,
            OffsetDateTime createdAt) throws IOException {
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
        writeIfPresent(json, "createdAt", createdAt);
    }
}
