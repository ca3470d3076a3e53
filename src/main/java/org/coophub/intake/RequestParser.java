package org.coophub.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.coophub.privacy.IdNumbers;
import org.coophub.privacy.PersonalData;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Subject;
import org.coophub.routing.Provinces;
import org.coophub.routing.ScopeRule;

/**
 * Turns a submitted document into a {@link CooperationRequest}, or rejects it with every problem it
 * can find, so a local system learns all its mistakes from one rejection. Fields are checked by hand
 * on a JSON tree rather than by data binding because binding stops at the first error.
 *
 * <p>A JSON {@code null} counts as an absent field.
 */
public final class RequestParser {

    private static final Set<String> REQUEST_FIELDS = Set.of("requestId", "type", "priority", "requestingRoom",
            "targetRegion", "scope", "caseNumber", "subjects", "details", "createdAt");
    private static final Set<String> SUBJECT_FIELDS = Set.of("name", "idNumber");

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern REGION_CODE = Pattern.compile("[0-9]{6}");
    private static final int MAX_ROOM = 100;
    private static final int MAX_CASE_NUMBER = 64;
    private static final int MAX_NAME = 100;
    private static final int MAX_DETAILS = 4000;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    // Duplicate keys would otherwise silently keep the last value, the same trap as an ignored typo.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
        JsonNode document = readDocument(bytes);
        List<FieldError> errors = new ArrayList<>();
        rejectUnknownFields(document, REQUEST_FIELDS, "", errors);

        String requestId = text(document, "requestId", "requestId", true, errors);
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            errors.add(new FieldError("requestId", "pattern", "must be 1-64 of A-Z, a-z, 0-9, '_' and '-'"));
        }
        RequestType type = enumValue(document, "type", RequestType.class, true, errors);
        Priority priority = enumValue(document, "priority", Priority.class, false, errors);
        String requestingRoom = text(document, "requestingRoom", "requestingRoom", false, errors);
        checkLength(requestingRoom, "requestingRoom", MAX_ROOM, errors);
        String targetRegion = targetRegion(document, errors);
        Scope scope = enumValue(document, "scope", Scope.class, false, errors);
        checkScopeRule(scope, targetRegion, errors);
        String caseNumber = text(document, "caseNumber", "caseNumber", true, errors);
        if (caseNumber != null && caseNumber.isBlank()) {
            errors.add(new FieldError("caseNumber", "required", "must not be blank"));
        }
        checkLength(caseNumber, "caseNumber", MAX_CASE_NUMBER, errors);
        List<Subject> subjects = subjects(document, type, errors);
        String details = text(document, "details", "details", false, errors);
        checkLength(details, "details", MAX_DETAILS, errors);
        OffsetDateTime createdAt = createdAt(document, errors);

        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        CooperationRequest request = new CooperationRequest(requestId, type,
                priority == null ? Priority.ROUTINE : priority, requestingRoom, targetRegion, scope, caseNumber,
                subjects, details, createdAt == null ? OffsetDateTime.now(clock) : createdAt);
        return new ParsedRequest(request, createdAt != null);
    }

    private JsonNode readDocument(byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw documentError("size", "is " + bytes.length + " bytes, more than the limit of " + maxBytes);
        }
        String text = decodeUtf8(bytes);
        if (text.isBlank()) {
            throw documentError("empty", "is empty");
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode document = MAPPER.readTree(parser);
            rejectTrailingData(parser);
            if (document == null || !document.isObject()) {
                throw documentError("json", "must be a JSON object, is "
                        + (document == null ? "nothing" : kind(document)));
            }
            return document;
        } catch (JsonProcessingException e) {
            throw documentError("json", "is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw documentError("json", "cannot be read as JSON: " + e.getMessage());
        }
    }

    private static String decodeUtf8(byte[] bytes) {
        int start = startsWithBom(bytes) ? UTF8_BOM.length : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw documentError("utf-8", "is not valid UTF-8 (was it saved as GBK?)");
        }
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= UTF8_BOM.length
                && Arrays.equals(bytes, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
    }

    private static void rejectTrailingData(JsonParser parser) {
        try {
            if (parser.nextToken() == null) {
                return;
            }
        } catch (IOException e) {
            // Unparseable trailing bytes are still trailing bytes; that is the more useful diagnosis.
        }
        throw documentError("trailing-data", "has data after the JSON object" + at(parser.currentLocation()));
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static InvalidRequestException documentError(String rule, String message) {
        // Jackson quotes offending tokens, which may be ID numbers.
        return new InvalidRequestException(
                List.of(new FieldError(FieldError.DOCUMENT, rule, PersonalData.maskText(message))));
    }

    private static void rejectUnknownFields(JsonNode object, Set<String> known, String prefix,
            List<FieldError> errors) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                // A key is submitter text like any value and may itself be an ID number.
                errors.add(new FieldError(prefix + PersonalData.maskText(name), "unknown-field",
                        "is not a field of the format; known fields: " + known.stream().sorted()
                                .collect(Collectors.joining(", "))));
            }
        });
    }

    /** The field's string value, or null if it is absent or not a string (the error then recorded). */
    private static String text(JsonNode object, String name, String path, boolean required,
            List<FieldError> errors) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "required", "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(path, "json-type", "must be a string, is " + kind(node)));
            return null;
        }
        return node.textValue();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode object, String name, Class<E> type, boolean required,
            List<FieldError> errors) {
        String value = text(object, name, name, required, errors);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        errors.add(new FieldError(name, "enum", "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }

    private static void checkLength(String value, String path, int max, List<FieldError> errors) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(path, "length", "must be at most " + max + " characters, is "
                    + value.codePointCount(0, value.length())));
        }
    }

    /** The target region, or null if it is missing or malformed (so the scope rule cannot be applied). */
    private static String targetRegion(JsonNode document, List<FieldError> errors) {
        String region = text(document, "targetRegion", "targetRegion", true, errors);
        if (region == null) {
            return null;
        }
        if (!REGION_CODE.matcher(region).matches()) {
            errors.add(new FieldError("targetRegion", "pattern", "must be a 6-digit GB/T 2260 region code"));
            return null;
        }
        if (!Provinces.isProvince(region.substring(0, 2))) {
            errors.add(new FieldError("targetRegion", "region", "must lie in a province: "
                    + region.substring(0, 2) + " is not a GB/T 2260 province code"));
            return null;
        }
        return region;
    }

    private void checkScopeRule(Scope requested, String targetRegion, List<FieldError> errors) {
        if (requested == null || targetRegion == null) {
            return;
        }
        Scope demanded = scopeRule.scopeFor(targetRegion);
        if (requested != demanded) {
            errors.add(new FieldError("scope", "scope-rule", "must be " + demanded + " (or omitted): "
                    + scopeRule.reason(targetRegion)));
        }
    }

    private static List<Subject> subjects(JsonNode document, RequestType type, List<FieldError> errors) {
        JsonNode array = document.get("subjects");
        List<Subject> subjects = new ArrayList<>();
        if (array != null && !array.isNull()) {
            if (!array.isArray()) {
                errors.add(new FieldError("subjects", "json-type", "must be an array, is " + kind(array)));
                return List.of();
            }
            for (int i = 0; i < array.size(); i++) {
                subjects.add(subject(array.get(i), "subjects[" + i + "]", type, errors));
            }
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
        if (!node.isObject()) {
            errors.add(new FieldError(path, "json-type", "must be an object, is " + kind(node)));
            return null;
        }
        rejectUnknownFields(node, SUBJECT_FIELDS, path + ".", errors);
        String name = text(node, "name", path + ".name", true, errors);
        if (name != null && name.isBlank()) {
            errors.add(new FieldError(path + ".name", "required", "must not be blank"));
        }
        checkLength(name, path + ".name", MAX_NAME, errors);
        boolean idRequired = type != null && type.needsSubjects();
        String idNumber = text(node, "idNumber", path + ".idNumber", idRequired, errors);
        if (idNumber != null && !IdNumbers.isValid(idNumber)) {
            errors.add(new FieldError(path + ".idNumber", "id-check", "is not a valid GB 11643 ID number"
                    + " (17 digits with a real birth date, then the ISO 7064 MOD 11-2 check character): "
                    + IdNumbers.mask(idNumber)));
        }
        return new Subject(name, IdNumbers.normalize(idNumber));
    }

    private static OffsetDateTime createdAt(JsonNode document, List<FieldError> errors) {
        String value = text(document, "createdAt", "createdAt", false, errors);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            // A time without offset is ambiguous across the bureaus' systems, so it is refused, not guessed.
            errors.add(new FieldError("createdAt", "datetime",
                    "must be an ISO-8601 date-time with offset, e.g. 2011-06-30T09:15:00+08:00"));
            return null;
        }
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
