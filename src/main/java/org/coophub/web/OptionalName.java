package org.coophub.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.JsonFields;

/**
 * The optional body of signing for a request ({@code {"signedBy": ...}}) and of acknowledging an alert
 * ({@code {"by": ...}}): one optional name. Read as strictly as a request, so that a misspelt field, a number or a
 * character the database cannot store is refused rather than ignored, converted or failing in the database, and a
 * name too long is refused rather than cut.
 */
final class OptionalName {

    /** What the ledger keeps of a signer's or acknowledger's name. */
    static final int MAX_LENGTH = 100;
    // a name of MAX_LENGTH characters each written as a surrogate pair escape (12 bytes) still fits
    private static final long MAX_BODY = 4096;

    private OptionalName() {
    }

    /**
     * @param body  the body as sent; empty when there is none
     * @param field the one field the body may have
     * @param what  what the body is, for the refusal, e.g. "signature"
     * @return the name without surrounding blanks, or null when the body names nobody (no body, no field, or blank)
     * @throws InvalidRequestException naming the field and rule broken
     */
    static String read(byte[] body, String field, String what) {
        if (body == null || body.length == 0) {
            return null;
        }
        JsonNode document = JsonFields.readDocument(body, MAX_BODY, what);
        List<FieldError> errors = new ArrayList<>();
        JsonFields.rejectUnknownFields(document, Set.of(field), "", errors);
        String name = JsonFields.text(document, field, field, false, errors);
        String stripped = name == null ? null : name.strip();
        JsonFields.checkLength(stripped, field, MAX_LENGTH, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(what, errors);
        }
        return stripped == null || stripped.isEmpty() ? null : stripped;
    }
}
