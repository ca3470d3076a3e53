package org.coophub.intake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.coophub.request.Unit;

/**
 * Pieces of the canonical JSON forms (requests, requests to us, replies): compact UTF-8, fields in a
 * fixed order, absent optional fields left out, so one value has exactly one form and a content hash
 * ignores the submission's whitespace and field order.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Writes the fields of one object, in their canonical order. */
    @FunctionalInterface
    public interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private CanonicalJson() {
    }

    /** One JSON object holding the given fields. */
    public static byte[] object(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a string field (an enum by name, a date-time in ISO-8601 with offset) unless the value is null. */
    public static void writeIfPresent(JsonGenerator json, String name, Object value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value instanceof Enum<?> e ? e.name()
                    : value instanceof OffsetDateTime t ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)
                    : value.toString());
        }
    }

    public static void writeUnit(JsonGenerator json, String name, Unit unit) throws IOException {
        if (unit != null) {
            json.writeObjectFieldStart(name);
            writeIfPresent(json, "code", unit.code());
            writeIfPresent(json, "name", unit.name());
            json.writeEndObject();
        }
    }

    /** Reads back a canonical form; it is trusted, so it is not validated again. */
    public static JsonNode read(byte[] json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not canonical " + what + " JSON", e);
        }
    }

    public static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static OffsetDateTime dateTime(JsonNode object, String name) {
        String value = text(object, name);
        return value == null ? null : OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static Unit unit(JsonNode object, String name) {
        JsonNode unit = object.get(name);
        return unit == null || unit.isNull() ? null : new Unit(text(unit, "code"), text(unit, "name"));
    }
}
