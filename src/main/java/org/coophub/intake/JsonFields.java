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
import java.time.Instant;
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
import org.coophub.privacy.PersonalData;
import org.coophub.request.Unit;
import org.coophub.routing.Provinces;

/**
 * The checks every submitted format shares (requests, requests to us, replies): strict reading of the
 * document, then field checks on the JSON tree that record a {@link FieldError} and carry on, so one
 * rejection lists every problem. A JSON {@code null} counts as an absent field.
 */
public final class JsonFields {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> UNIT_FIELDS = Set.of("code", "name");
    private static final int REGION_DIGITS = 6;
    private static final int UNIT_DIGITS = 12;
    private static final int MAX_UNIT_NAME = 100;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    // Duplicate keys would otherwise silently keep the last value, the same trap as an ignored typo.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonFields() {
    }

    /**
     * The document as a JSON object: at most {@code maxBytes}, UTF-8 (a byte order mark allowed), one
     * object and nothing after it.
     *
     * @param what what the document is meant to be, for the exception message, e.g. "reply"
     * @throws InvalidRequestException with a single {@link FieldError#DOCUMENT} error otherwise
     */
    public static JsonNode readDocument(byte[] bytes, long maxBytes, String what) {
        if (bytes == null) {
            // a JMS message can come without a body at all
            throw documentError(what, "empty", "has no body");
        }
        if (bytes.length > maxBytes) {
            throw documentError(what, "size", "is " + bytes.length + " bytes, more than the limit of " + maxBytes);
        }
        String text = decodeUtf8(bytes, what);
        if (text.isBlank()) {
            throw documentError(what, "empty", "is empty");
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode document = MAPPER.readTree(parser);
            rejectTrailingData(parser, what);
            if (document == null || !document.isObject()) {
                throw documentError(what, "json", "must be a JSON object, is "
                        + (document == null ? "nothing" : kind(document)));
            }
            return document;
        } catch (JsonProcessingException e) {
            throw documentError(what, "json", "is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw documentError(what, "json", "cannot be read as JSON: " + e.getMessage());
        }
    }

    /** The text of a UTF-8 document (a byte order mark allowed), for any text format, not only JSON. */
    public static String decodeUtf8(byte[] bytes, String what) {
        int start = startsWithBom(bytes) ? UTF8_BOM.length : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw documentError(what, "utf-8", "is not valid UTF-8 (was it saved as GBK?)");
        }
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= UTF8_BOM.length
                && Arrays.equals(bytes, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
    }

    private static void rejectTrailingData(JsonParser parser, String what) {
        try {
            if (parser.nextToken() == null) {
                return;
            }
        } catch (IOException e) {
            // Unparseable trailing bytes are still trailing bytes; that is the more useful diagnosis.
        }
        throw documentError(what, "trailing-data", "has data after the JSON object" + at(parser.currentLocation()));
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static InvalidRequestException documentError(String what, String rule, String message) {
        // Jackson quotes offending tokens, which may be ID numbers.
        return new InvalidRequestException(what,
                List.of(new FieldError(FieldError.DOCUMENT, rule, PersonalData.maskText(message))));
    }

    public static void rejectUnknownFields(JsonNode object, Set<String> known, String prefix,
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
    public static String text(JsonNode object, String name, String path, boolean required,
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
        String value = node.textValue();
        return hasStorableCharacters(value, path, errors) ? value : null;
    }

    /**
     * Whether the text can be kept as it is (see {@link StorableText#problem}), recording a {@code characters} error
     * if not; for text that comes some other way than a JSON field (a CSV column, a query parameter).
     */
    public static boolean hasStorableCharacters(String value, String path, List<FieldError> errors) {
        String unstorable = StorableText.problem(value);
        if (unstorable != null) {
            errors.add(new FieldError(path, "characters", unstorable));
            return false;
        }
        return true;
    }

    /** A required string that must not be blank either, at most {@code max} characters. */
    public static String nonBlankText(JsonNode object, String name, String path, int max, List<FieldError> errors) {
        String value = text(object, name, path, true, errors);
        if (value != null && value.isBlank()) {
            errors.add(new FieldError(path, "required", "must not be blank"));
        }
        checkLength(value, path, max, errors);
        return value;
    }

    /** A required identifier such as a requestId: 1-64 of A-Z, a-z, 0-9, '_' and '-'. */
    public static String identifier(JsonNode object, String name, String path, List<FieldError> errors) {
        String value = text(object, name, path, true, errors);
        if (value != null && !IDENTIFIER.matcher(value).matches()) {
            errors.add(new FieldError(path, "pattern", "must be 1-64 of A-Z, a-z, 0-9, '_' and '-'"));
        }
        return value;
    }

    public static <E extends Enum<E>> E enumValue(JsonNode object, String name, String path, Class<E> type,
            boolean required, List<FieldError> errors) {
        String value = text(object, name, path, required, errors);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        errors.add(new FieldError(path, "enum", "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }

    public static void checkLength(String value, String path, int max, List<FieldError> errors) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(path, "length", "must be at most " + max + " characters, is "
                    + value.codePointCount(0, value.length())));
        }
    }

    /** A required 6-digit GB/T 2260 region code in a province, or null if it is missing or malformed. */
    public static String regionCode(JsonNode object, String name, String path, List<FieldError> errors) {
        return code(object, name, path, REGION_DIGITS, "a 6-digit GB/T 2260 region code", errors);
    }

    /** A required 12-digit unit code whose region lies in a province, or null if it is missing or malformed. */
    private static String unitCode(JsonNode object, String name, String path, List<FieldError> errors) {
        return code(object, name, path, UNIT_DIGITS, "a 12-digit unit code (6-digit region code, then 6 digits)",
                errors);
    }

    private static String code(JsonNode object, String name, String path, int digits, String description,
            List<FieldError> errors) {
        String code = text(object, name, path, true, errors);
        if (code == null) {
            return null;
        }
        if (code.length() != digits || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            errors.add(new FieldError(path, "pattern", "must be " + description));
            return null;
        }
        if (!Provinces.isProvince(code.substring(0, 2))) {
            errors.add(new FieldError(path, "region", "must lie in a province: "
                    + code.substring(0, 2) + " is not a GB/T 2260 province code"));
            return null;
        }
        return code;
    }

    /** A required unit object {@code {"code": 12 digits, "name": ...}}, or null if it is unusable. */
    public static Unit unit(JsonNode object, String name, String path, List<FieldError> errors) {
        JsonNode node = object(object, name, path, true, errors);
        if (node == null) {
            return null;
        }
        rejectUnknownFields(node, UNIT_FIELDS, path + ".", errors);
        String code = unitCode(node, "code", path + ".code", errors);
        String unitName = nonBlankText(node, "name", path + ".name", MAX_UNIT_NAME, errors);
        return code == null || unitName == null ? null : new Unit(code, unitName);
    }

    /** The field's object, or null if it is absent or not an object (the error then recorded). */
    private static JsonNode object(JsonNode object, String name, String path, boolean required,
            List<FieldError> errors) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "required", "is required"));
            }
            return null;
        }
        return isObject(node, path, errors) ? node : null;
    }

    /** Whether an array element is an object, recording a json-type error if not. */
    public static boolean isObject(JsonNode node, String path, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(path, "json-type", "must be an object, is " + kind(node)));
            return false;
        }
        return true;
    }

    /**
     * The elements of an optional array field: empty if it is absent, null if it is not an array (the
     * error then recorded, and nothing more to check about it).
     */
    public static List<JsonNode> array(JsonNode object, String name, String path, List<FieldError> errors) {
        JsonNode node = object.get(name);
        List<JsonNode> elements = new ArrayList<>();
        if (node == null || node.isNull()) {
            return elements;
        }
        if (!node.isArray()) {
            errors.add(new FieldError(path, "json-type", "must be an array, is " + kind(node)));
            return null;
        }
        node.forEach(elements::add);
        return elements;
    }

    public static OffsetDateTime dateTime(JsonNode object, String name, String path, boolean required,
            List<FieldError> errors) {
        String value = text(object, name, path, required, errors);
        return value == null ? null : dateTime(value, path, errors);
    }

    /**
     * An ISO-8601 date-time with offset between {@link #EARLIEST} and {@link #LATEST}, or null (the error then
     * recorded). The bounds keep to what every ledger database stores as it is: PostgreSQL refuses years past
     * 294276, and its driver turns years before 4713 BC into -infinity, while H2 takes both.
     */
    public static OffsetDateTime dateTime(String value, String path, List<FieldError> errors) {
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            // A time without offset is ambiguous across the bureaus' systems, so it is refused, not guessed.
            errors.add(new FieldError(path, "datetime",
                    "must be an ISO-8601 date-time with offset, e.g. 2011-06-30T09:15:00+08:00"));
            return null;
        }
        if (time.toInstant().isBefore(EARLIEST) || time.toInstant().isAfter(LATEST)) {
            errors.add(new FieldError(path, "datetime", "must lie between " + EARLIEST + " and " + LATEST
                    + " (years 1970 to 9999), is " + value));
            return null;
        }
        return time;
    }

    public static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
