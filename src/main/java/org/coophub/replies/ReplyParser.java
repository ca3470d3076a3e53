package org.coophub.replies;

import static org.coophub.intake.JsonFields.checkLength;
import static org.coophub.intake.JsonFields.nonBlankText;
import static org.coophub.intake.JsonFields.rejectUnknownFields;
import static org.coophub.intake.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.JsonFields;
import org.coophub.request.Unit;

/**
 * Turns a reply document into a {@link Reply}, or rejects it with every problem found, under the same
 * document rules as requests (size, UTF-8, one JSON object, no unknown or duplicate fields).
 */
public final class ReplyParser {

    private static final Set<String> REPLY_FIELDS = Set.of("requestId", "replyingUnit", "result", "content",
            "repliedAt", "attachments");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("name", "sha256", "size");

    private static final int MAX_CONTENT = 20_000;
    private static final int MAX_FILE_NAME = 200;
    /** 255 bytes, the usual file system limit, less room for the ".part" of a file being written. */
    private static final int MAX_FILE_NAME_BYTES = 240;
    /** The ledger keeps a reply's attachment names in one column of 4,000 characters, one name per line. */
    private static final int MAX_LISTED_NAMES = 4000;
    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");
    /**
     * The pollers take *.json files from the platform folders and write *.part files while copying;
     * an attachment named like either would be mistaken for one of them.
     */
    private static final List<String> RESERVED_SUFFIXES = List.of(".json", ".part");

    private final long maxBytes;
    private final long maxAttachmentBytes;

    /**
     * @param maxBytes           largest reply document accepted
     * @param maxAttachmentBytes largest attachment a reply may declare
     */
    public ReplyParser(long maxBytes, long maxAttachmentBytes) {
        this.maxBytes = maxBytes;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** @throws InvalidRequestException listing every problem found */
    public Reply parse(byte[] bytes) {
        JsonNode document = JsonFields.readDocument(bytes, maxBytes, "reply");
        List<FieldError> errors = new ArrayList<>();
        rejectUnknownFields(document, REPLY_FIELDS, "", errors);

        String requestId = JsonFields.identifier(document, "requestId", "requestId", errors);
        Unit replyingUnit = JsonFields.unit(document, "replyingUnit", "replyingUnit", errors);
        ReplyResult result = JsonFields.enumValue(document, "result", "result", ReplyResult.class, true, errors);
        String content = text(document, "content", "content", false, errors);
        checkLength(content, "content", MAX_CONTENT, errors);
        OffsetDateTime repliedAt = JsonFields.dateTime(document, "repliedAt", "repliedAt", true, errors);
        List<Attachment> attachments = attachments(document, errors);

        if (!errors.isEmpty()) {
            throw new InvalidRequestException("reply", errors);
        }
        return new Reply(requestId, replyingUnit, result, content, repliedAt, attachments);
    }

    private List<Attachment> attachments(JsonNode document, List<FieldError> errors) {
        List<JsonNode> array = JsonFields.array(document, "attachments", "attachments", errors);
        if (array == null) {
            return List.of();
        }
        List<Attachment> attachments = new ArrayList<>();
        // Case-insensitive: the files land side by side, and some file systems do not tell case apart.
        Map<String, String> firstByName = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "attachments[" + i + "]";
            Attachment attachment = attachment(array.get(i), path, errors);
            if (attachment == null) {
                continue;
            }
            String first = firstByName.putIfAbsent(attachment.name().toLowerCase(Locale.ROOT), path);
            if (first != null) {
                errors.add(new FieldError(path + ".name", "unique", "names the same file as " + first
                        + ".name; attachment names must differ (ignoring case)"));
            }
            attachments.add(attachment);
        }
        int listed = String.join("\n", attachments.stream().map(Attachment::name).toList()).length();
        if (listed > MAX_LISTED_NAMES) {
            errors.add(new FieldError("attachments", "size", "names " + attachments.size() + " files whose names take "
                    + listed + " characters together, more than the " + MAX_LISTED_NAMES + " a reply may list"));
        }
        return attachments;
    }

    /** The attachment, or null if any of its fields is unusable (the errors then recorded). */
    private Attachment attachment(JsonNode node, String path, List<FieldError> errors) {
        if (!JsonFields.isObject(node, path, errors)) {
            return null;
        }
        rejectUnknownFields(node, ATTACHMENT_FIELDS, path + ".", errors);
        String name = fileName(node, path + ".name", errors);
        String sha256 = text(node, "sha256", path + ".sha256", true, errors);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            errors.add(new FieldError(path + ".sha256", "pattern", "must be 64 hexadecimal digits (SHA-256)"));
            sha256 = null;
        }
        Long size = size(node, path + ".size", errors);
        return name == null || sha256 == null || size == null
                ? null
                : new Attachment(name, sha256.toLowerCase(Locale.ROOT), size);
    }

    /**
     * A plain file name the receiving side can store next to the reply as it is. Its problems are
     * described, never quoted: a file name may well carry an ID number.
     */
    private static String fileName(JsonNode node, String path, List<FieldError> errors) {
        String name = nonBlankText(node, "name", path, Integer.MAX_VALUE, errors);
        if (name == null || name.isBlank()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            problems.add("contains '/' or '\\' (a file name, not a path)");
        }
        if (name.startsWith(".")) {
            problems.add("starts with '.'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add("contains control characters");
        }
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
            problems.add("contains '*' or '?' (SFTP clients read them as a pattern)");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_FILE_NAME) {
            problems.add("is " + length + " characters long, more than " + MAX_FILE_NAME);
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILE_NAME_BYTES) {
            problems.add("takes " + bytes + " bytes in UTF-8, more than " + MAX_FILE_NAME_BYTES
                    + " (file systems allow 255, with room for a temporary suffix)");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : RESERVED_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                problems.add("ends with " + suffix + ", which the pollers reserve for their own files");
            }
        }
        if (!problems.isEmpty()) {
            errors.add(new FieldError(path, "file-name", "must be a plain file name: " + String.join("; ", problems)));
            return null;
        }
        return name;
    }

    private Long size(JsonNode node, String path, List<FieldError> errors) {
        JsonNode size = node.get("size");
        if (size == null || size.isNull()) {
            errors.add(new FieldError(path, "required", "is required"));
            return null;
        }
        if (!size.isIntegralNumber()) {
            errors.add(new FieldError(path, "json-type", "must be an integer number of bytes, is "
                    + (size.isNumber() ? "a fraction" : JsonFields.kind(size))));
            return null;
        }
        if (size.bigIntegerValue().signum() < 0) {
            errors.add(new FieldError(path, "size", "must not be negative"));
            return null;
        }
        if (!size.canConvertToLong() || size.longValue() > maxAttachmentBytes) {
            errors.add(new FieldError(path, "size", "is " + size.asText() + " bytes, more than the limit of "
                    + maxAttachmentBytes));
            return null;
        }
        return size.longValue();
    }
}
