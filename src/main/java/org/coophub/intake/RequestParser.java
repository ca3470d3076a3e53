package org.coophub.intake;

import static org.coophub.intake.JsonFields.array;
import static org.coophub.intake.JsonFields.checkLength;
import static org.coophub.intake.JsonFields.enumValue;
import static org.coophub.intake.JsonFields.isObject;
import static org.coophub.intake.JsonFields.nonBlankText;
import static org.coophub.intake.JsonFields.rejectUnknownFields;
import static org.coophub.intake.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Subject;
import org.coophub.routing.ScopeRule;

/**
 * Turns a submitted document into a {@link CooperationRequest}, or rejects it with every problem it
 * can find, so a local system learns all its mistakes from one rejection. Fields are checked by hand
 * on a JSON tree rather than by data binding because binding stops at the first error.
 *
 * <p>A JSON {@code null} counts as an absent field. Variants of the format (a request another region
 * sends us) add fields through a {@link Variant} and are otherwise held to the same rules.
 */
public final class RequestParser {

    private static final Set<String> REQUEST_FIELDS = Set.of("requestId", "type", "priority", "requestingRoom",
            "targetRegion", "scope", "caseNumber", "subjects", "details", "createdAt");
    private static final Set<String> SUBJECT_FIELDS = Set.of("name", "idNumber");

    /** Also the limit of a room's name in detention figures, so that every room that can publish can be assessed. */
    public static final int MAX_ROOM = 100;
    private static final int MAX_CASE_NUMBER = 64;
    private static final int MAX_NAME = 100;
    private static final int MAX_DETAILS = 4000;

    /**
     * What a variant of the request format adds to it.
     *
     * @param <E> what the variant's own fields are read into
     */
    public interface Variant<E> {

        /** Top-level fields the variant adds to the request format. */
        Set<String> extraFields();

        /** Reads the added fields, recording every problem in {@code errors} (null for unusable values). */
        E read(JsonNode document, List<FieldError> errors);

        /** The rule an explicit scope must agree with, or null if the added fields are too broken to tell. */
        ScopeRule scopeRule(E extra);
    }

    /** A parsed request of a variant, with the variant's own fields. */
    public record Extended<E>(ParsedRequest parsed, E extra) {
    }

    private final ScopeRule scopeRule;
    private final Clock clock;
    private final long maxBytes;

    public RequestParser(ScopeRule scopeRule, Clock clock, long maxBytes) {
        this.scopeRule = scopeRule;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** @throws InvalidRequestException listing every problem found */
    public ParsedRequest parse(byte[] bytes) {
        return parse(bytes, new Variant<Void>() {
            @Override
            public Set<String> extraFields() {
                return Set.of();
            }

            @Override
            public Void read(JsonNode document, List<FieldError> errors) {
                return null;
            }

            @Override
            public ScopeRule scopeRule(Void extra) {
                return scopeRule;
            }
        }).parsed();
    }

    /**
     * Parses a variant of the format: the request fields under the same rules, plus the variant's own;
     * an explicit scope is judged by the variant's rule instead of ours.
     *
     * @throws InvalidRequestException listing every problem found, the variant's included
     */
    public <E> Extended<E> parse(byte[] bytes, Variant<E> variant) {
        JsonNode document = JsonFields.readDocument(bytes, maxBytes, "cooperation request");
        List<FieldError> errors = new ArrayList<>();
        Set<String> known = new HashSet<>(REQUEST_FIELDS);
        known.addAll(variant.extraFields());
        rejectUnknownFields(document, known, "", errors);
        E extra = variant.read(document, errors);

        String requestId = JsonFields.identifier(document, "requestId", "requestId", errors);
        RequestType type = enumValue(document, "type", "type", RequestType.class, true, errors);
        Priority priority = enumValue(document, "priority", "priority", Priority.class, false, errors);
        String requestingRoom = room(text(document, "requestingRoom", "requestingRoom", false, errors));
        checkLength(requestingRoom, "requestingRoom", MAX_ROOM, errors);
        String targetRegion = JsonFields.regionCode(document, "targetRegion", "targetRegion", errors);
        Scope scope = enumValue(document, "scope", "scope", Scope.class, false, errors);
        checkScopeRule(scope, targetRegion, variant.scopeRule(extra), errors);
        String caseNumber = nonBlankText(document, "caseNumber", "caseNumber", MAX_CASE_NUMBER, errors);
        List<Subject> subjects = subjects(document, type, errors);
        String details = text(document, "details", "details", false, errors);
        checkLength(details, "details", MAX_DETAILS, errors);
        OffsetDateTime createdAt = JsonFields.dateTime(document, "createdAt", "createdAt", false, errors);

        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        CooperationRequest request = new CooperationRequest(requestId, type,
                priority == null ? Priority.ROUTINE : priority, requestingRoom, targetRegion, scope, caseNumber,
                subjects, details, createdAt == null ? OffsetDateTime.now(clock) : createdAt);
        return new Extended<>(new ParsedRequest(request, createdAt != null), extra);
    }

    /**
     * The room as stored and hashed: blanks around it are typing slips, and the monthly assessment matches rooms by
     * name against detention figures, which are stripped the same way ({@code ReportingRules.room}). A blank room
     * names none.
     */
    private static String room(String room) {
        if (room == null) {
            return null;
        }
        String stripped = room.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static void checkScopeRule(Scope requested, String targetRegion, ScopeRule rule,
            List<FieldError> errors) {
        if (requested == null || targetRegion == null || rule == null) {
            return;
        }
        Scope demanded = rule.scopeFor(targetRegion);
        if (requested != demanded) {
            errors.add(new FieldError("scope", "scope-rule", "must be " + demanded + " (or omitted): "
                    + rule.reason(targetRegion)));
        }
    }

    private static List<Subject> subjects(JsonNode document, RequestType type, List<FieldError> errors) {
        List<JsonNode> array = array(document, "subjects", "subjects", errors);
        if (array == null) {
            return List.of();
        }
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            subjects.add(subject(array.get(i), "subjects[" + i + "]", type, errors));
        }
        if (type != null && type.needsSubjects() && subjects.isEmpty()) {
            errors.add(new FieldError("subjects", "min-items",
                    "a " + type + " request must name at least one subject"));
        }
        return subjects;
    }

    /**
     * A case verification may mention people it cannot identify yet, so their ID number is optional;
     * the other types are about a specific person and cannot be worked without one.
     */
    private static Subject subject(JsonNode node, String path, RequestType type, List<FieldError> errors) {
        if (!isObject(node, path, errors)) {
            return null;
        }
        rejectUnknownFields(node, SUBJECT_FIELDS, path + ".", errors);
        String name = nonBlankText(node, "name", path + ".name", MAX_NAME, errors);
        boolean idRequired = type != null && type.needsSubjects();
        String idNumber = text(node, "idNumber", path + ".idNumber", idRequired, errors);
        if (idNumber != null && !IdNumbers.isValid(idNumber)) {
            errors.add(new FieldError(path + ".idNumber", "id-check", "is not a valid GB 11643 ID number"
                    + " (17 digits with a real birth date, then the ISO 7064 MOD 11-2 check character): "
                    + IdNumbers.mask(idNumber)));
        }
        return new Subject(name, IdNumbers.normalize(idNumber));
    }
}
