package org.coophub.replies;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.coophub.replies.Replies.MAX_ATTACHMENT_BYTES;
import static org.coophub.replies.Replies.SHA256;
import static org.coophub.replies.Replies.bytes;
import static org.coophub.replies.Replies.firstAttachment;
import static org.coophub.replies.Replies.found;
import static org.coophub.replies.Replies.minimal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.request.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    private static final String ID_NUMBER = IdNumberFixtures.valid("110105", "19900307", "123");

    private final ReplyParser parser = Replies.parser();

    private List<FieldError> errorsOf(byte[] bytes) {
        try {
            parser.parse(bytes);
        } catch (InvalidRequestException e) {
            return e.errors();
        }
        throw new AssertionError("expected the reply to be refused");
    }

    private List<FieldError> errorsOf(ObjectNode reply) {
        return errorsOf(bytes(reply));
    }

    private static ObjectNode foundWith(Consumer<ObjectNode> change) {
        ObjectNode reply = found();
        change.accept(reply);
        return reply;
    }

    private static ObjectNode attachmentWith(Consumer<ObjectNode> change) {
        ObjectNode reply = found();
        change.accept(firstAttachment(reply));
        return reply;
    }

    private static void assertOnly(List<FieldError> errors, String field, String rule) {
        assertThat(errors).extracting(FieldError::field, FieldError::rule).containsExactly(tuple(field, rule));
    }

    @Test
    void acceptsAReplyWithEveryField() {
        assertThat(parser.parse(bytes(found()))).isEqualTo(new Reply("req-2011_0001",
                new Unit("310104000000", "上海市公安局徐汇分局"), ReplyResult.FOUND, "已找到当事人并制作笔录",
                OffsetDateTime.parse("2026-03-05T10:00:00+08:00"),
                List.of(new Attachment("statement-1.pdf", SHA256, 12345))));
    }

    @Test
    void acceptsAMinimalReplyWithoutContentOrAttachments() {
        Reply reply = parser.parse(bytes(minimal()));
        assertThat(reply.content()).isNull();
        assertThat(reply.attachments()).isEmpty();
    }

    @Test
    void acceptsNullAsAnAbsentOptionalField() {
        assertThat(parser.parse(bytes(minimal().putNull("content").putNull("attachments"))).attachments()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOUND", "NOT_FOUND", "DONE", "REFUSED"})
    void acceptsEveryResult(String result) {
        assertThat(parser.parse(bytes(minimal().put("result", result))).result()).isEqualTo(ReplyResult.valueOf(result));
    }

    // --- document-level rules, shared with requests

    @Test
    void refusesADocumentOverTheSizeLimit() {
        byte[] json = bytes(found());
        assertThatThrownBy(() -> new ReplyParser(json.length - 1, MAX_ATTACHMENT_BYTES).parse(json))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertOnly(e.errors(), FieldError.DOCUMENT, "size"));
        assertThat(new ReplyParser(json.length, MAX_ATTACHMENT_BYTES).parse(json).requestId())
                .isEqualTo("req-2011_0001");
    }

    @Test
    void refusesAnEmptyDocument() {
        assertOnly(errorsOf(" \n".getBytes(UTF_8)), FieldError.DOCUMENT, "empty");
    }

    @Test
    void refusesGbk() {
        assertOnly(errorsOf(new String(bytes(found()), UTF_8).getBytes(Charset.forName("GBK"))),
                FieldError.DOCUMENT, "utf-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"requestId\": ", "[]", "\"reply\"", "{\"result\":\"FOUND\",\"result\":\"DONE\"}"})
    void refusesWhatIsNotOneJsonObject(String json) {
        assertOnly(errorsOf(json.getBytes(UTF_8)), FieldError.DOCUMENT, "json");
    }

    @Test
    void refusesTrailingData() {
        assertOnly(errorsOf((new String(bytes(found()), UTF_8) + " {}").getBytes(UTF_8)), FieldError.DOCUMENT,
                "trailing-data");
    }

    @Test
    void namesTheDocumentAReplyInTheMessage() {
        assertThatThrownBy(() -> parser.parse(bytes(minimal().put("result", "MAYBE"))))
                .hasMessageStartingWith("invalid reply, 1 error:");
    }

    @Test
    void refusesUnknownFieldsAtEveryLevel() {
        ObjectNode reply = found().put("status", "FOUND");
        ((ObjectNode) reply.get("replyingUnit")).put("phone", "110");
        firstAttachment(reply).put("mime", "application/pdf");

        assertThat(errorsOf(reply)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("status", "unknown-field"), tuple("replyingUnit.phone", "unknown-field"),
                tuple("attachments[0].mime", "unknown-field"));
    }

    @Test
    void masksAnIdNumberUsedAsAFieldName() {
        List<FieldError> errors = errorsOf(found().put(ID_NUMBER, "x"));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.field()).doesNotContain(ID_NUMBER));
    }

    // --- fields

    @Test
    void requiresTheRequestId() {
        assertOnly(errorsOf(foundWith(r -> r.remove("requestId"))), "requestId", "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "req 1", "req/1", "请求1"})
    void refusesARequestIdOutsideThePattern(String id) {
        assertOnly(errorsOf(found().put("requestId", id)), "requestId", "pattern");
    }

    @Test
    void acceptsARequestIdOf64Characters() {
        assertThat(parser.parse(bytes(found().put("requestId", "a".repeat(64)))).requestId()).hasSize(64);
        assertOnly(errorsOf(found().put("requestId", "a".repeat(65))), "requestId", "pattern");
    }

    @Test
    void requiresTheReplyingUnitAsAnObject() {
        assertOnly(errorsOf(foundWith(r -> r.remove("replyingUnit"))), "replyingUnit", "required");
        assertOnly(errorsOf(found().put("replyingUnit", "310104000000")), "replyingUnit", "json-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"31010400000", "3101040000000", "31010400000A", "３１０１０４００００００"})
    void refusesAUnitCodeThatIsNot12Digits(String code) {
        assertOnly(errorsOf(foundWith(r -> ((ObjectNode) r.get("replyingUnit")).put("code", code))),
                "replyingUnit.code", "pattern");
    }

    @Test
    void refusesAUnitCodeOutsideEveryProvince() {
        assertOnly(errorsOf(foundWith(r -> ((ObjectNode) r.get("replyingUnit")).put("code", "990104000000"))),
                "replyingUnit.code", "region");
    }

    @Test
    void requiresTheUnitCodeAndAName() {
        assertThat(errorsOf(foundWith(r -> ((ObjectNode) r.get("replyingUnit")).remove(List.of("code", "name")))))
                .extracting(FieldError::field, FieldError::rule).containsExactly(
                        tuple("replyingUnit.code", "required"), tuple("replyingUnit.name", "required"));
        assertOnly(errorsOf(foundWith(r -> ((ObjectNode) r.get("replyingUnit")).put("name", " "))),
                "replyingUnit.name", "required");
    }

    @Test
    void limitsTheUnitNameTo100Characters() {
        assertThat(parser.parse(bytes(foundWith(r -> ((ObjectNode) r.get("replyingUnit"))
                .put("name", "局".repeat(100))))).replyingUnit().name()).hasSize(100);
        assertOnly(errorsOf(foundWith(r -> ((ObjectNode) r.get("replyingUnit")).put("name", "局".repeat(101)))),
                "replyingUnit.name", "length");
    }

    @Test
    void requiresAKnownResult() {
        assertOnly(errorsOf(foundWith(r -> r.remove("result"))), "result", "required");
        assertThat(errorsOf(found().put("result", "found"))).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("enum");
            assertThat(e.message()).contains("FOUND, NOT_FOUND, DONE, REFUSED");
        });
        assertOnly(errorsOf(found().put("result", 1)), "result", "json-type");
    }

    @Test
    void limitsTheContentTo20000Characters() {
        assertThat(parser.parse(bytes(found().put("content", "笔".repeat(20_000)))).content()).hasSize(20_000);
        assertOnly(errorsOf(found().put("content", "笔".repeat(20_001))), "content", "length");
    }

    @Test
    void requiresRepliedAtWithAnOffset() {
        assertOnly(errorsOf(foundWith(r -> r.remove("repliedAt"))), "repliedAt", "required");
        assertOnly(errorsOf(found().put("repliedAt", "2026-03-05T10:00:00")), "repliedAt", "datetime");
        assertOnly(errorsOf(found().put("repliedAt", "2026-03-05")), "repliedAt", "datetime");
        assertThat(parser.parse(bytes(found().put("repliedAt", "2026-03-05T02:00:00Z"))).repliedAt())
                .isEqualTo(OffsetDateTime.parse("2026-03-05T02:00:00Z"));
    }

    @Test
    void refusesARepliedAtOutsideTheYears1970To9999() {
        assertOnly(errorsOf(found().put("repliedAt", "+300000-01-01T00:00:00Z")), "repliedAt", "datetime");
        assertOnly(errorsOf(found().put("repliedAt", "-5000-01-01T00:00:00Z")), "repliedAt", "datetime");
    }

    // --- attachments

    @Test
    void refusesAttachmentsThatAreNotAnArrayOfObjects() {
        assertOnly(errorsOf(found().put("attachments", "statement-1.pdf")), "attachments", "json-type");
        ObjectNode reply = found();
        reply.withArray("attachments").add("statement-2.pdf");
        assertOnly(errorsOf(reply), "attachments[1]", "json-type");
    }

    @Test
    void requiresEveryAttachmentField() {
        assertThat(errorsOf(attachmentWith(a -> a.remove(List.of("name", "sha256", "size")))))
                .extracting(FieldError::field, FieldError::rule).containsExactly(
                        tuple("attachments[0].name", "required"), tuple("attachments[0].sha256", "required"),
                        tuple("attachments[0].size", "required"));
        assertOnly(errorsOf(attachmentWith(a -> a.put("name", ""))), "attachments[0].name", "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../statement.pdf", "dir/statement.pdf", "dir\\statement.pdf", ".hidden.pdf",
            "statement\n.pdf", "reply.json", "REPLY.JSON",
            "statement.pdf.part", "statement.Part", "statement*.pdf", "statement?.pdf"})
    void refusesAnAttachmentNameThatIsNotAPlainFileName(String name) {
        assertOnly(errorsOf(attachmentWith(a -> a.put("name", name))), "attachments[0].name", "file-name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"statement-1.pdf", "笔录 (第1页).jpg", "reply.json.pdf", "part", "a.b.c", "no-extension"})
    void acceptsAPlainFileName(String name) {
        assertThat(parser.parse(bytes(attachmentWith(a -> a.put("name", name)))).attachments().get(0).name())
                .isEqualTo(name);
    }

    @Test
    void limitsTheAttachmentNameTo200CharactersAnd240Bytes() {
        String longest = "s".repeat(196) + ".pdf";
        assertThat(parser.parse(bytes(attachmentWith(a -> a.put("name", longest)))).attachments().get(0).name())
                .isEqualTo(longest);
        assertOnly(errorsOf(attachmentWith(a -> a.put("name", "s" + longest))), "attachments[0].name", "file-name");
        // three bytes each in UTF-8: 78 of them and ".pdf" take 238 bytes, which file systems can store
        String longestChinese = "笔".repeat(78) + ".pdf";
        assertThat(parser.parse(bytes(attachmentWith(a -> a.put("name", longestChinese)))).attachments().get(0).name())
                .isEqualTo(longestChinese);
        assertOnly(errorsOf(attachmentWith(a -> a.put("name", "笔" + longestChinese))), "attachments[0].name",
                "file-name");
    }

    @Test
    void theByteLimitIs240Exactly() {
        String atLimit = "笔".repeat(78) + "x".repeat(6);
        assertThat(atLimit.getBytes(UTF_8)).hasSize(240);
        assertThat(parser.parse(bytes(attachmentWith(a -> a.put("name", atLimit)))).attachments()).hasSize(1);
        assertOnly(errorsOf(attachmentWith(a -> a.put("name", atLimit + "x"))), "attachments[0].name", "file-name");
    }

    @Test
    void theNamesTogetherMayTake4000CharactersExactly() {
        ObjectNode reply = found();
        ArrayNode attachments = reply.putArray("attachments");
        for (int i = 0; i < 19; i++) {
            attachments.addObject().put("name", (char) ('a' + i) + "s".repeat(199)).put("sha256", SHA256)
                    .put("size", 1);
        }
        // 19 names of 200 characters and 18 line breaks take 3,818; one more line break and a name of 181 make 4,000
        attachments.addObject().put("name", "t".repeat(181)).put("sha256", SHA256).put("size", 1);
        assertThat(parser.parse(bytes(reply)).attachments()).hasSize(20);
        ((ObjectNode) attachments.get(19)).put("name", "t".repeat(182));
        assertOnly(errorsOf(reply), "attachments", "size");
    }

    @Test
    void limitsTheNamesAReplyListsToWhatTheLedgerKeeps() {
        ObjectNode reply = found();
        ArrayNode attachments = reply.putArray("attachments");
        for (int i = 0; i < 20; i++) {
            attachments.addObject().put("name", i + "-" + "s".repeat(197)).put("sha256", SHA256).put("size", 1);
        }
        assertOnly(errorsOf(reply), "attachments", "size");
        attachments.remove(19);
        assertThat(parser.parse(bytes(reply)).attachments()).hasSize(19);
    }

    @Test
    void doesNotQuoteTheFileNameItRefuses() {
        String name = ID_NUMBER + ".json";
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> parser.parse(bytes(attachmentWith(a -> a.put("name", name)))));
        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .contains("ends with .json").doesNotContain(ID_NUMBER));
        assertThat(e.getMessage()).doesNotContain(ID_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9b1c", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
            " 123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"})
    void refusesASha256ThatIsNot64HexDigits(String sha256) {
        assertOnly(errorsOf(attachmentWith(a -> a.put("sha256", sha256))), "attachments[0].sha256", "pattern");
    }

    @Test
    void storesTheSha256InLowercase() {
        assertThat(parser.parse(bytes(attachmentWith(a -> a.put("sha256", SHA256.toUpperCase()))))
                .attachments().get(0).sha256()).isEqualTo(SHA256);
    }

    @Test
    void acceptsSizesFromZeroToTheLimit() {
        assertThat(parser.parse(bytes(attachmentWith(a -> a.put("size", 0)))).attachments().get(0).size()).isZero();
        assertThat(parser.parse(bytes(attachmentWith(a -> a.put("size", MAX_ATTACHMENT_BYTES))))
                .attachments().get(0).size()).isEqualTo(MAX_ATTACHMENT_BYTES);
    }

    @Test
    void refusesASizeThatIsNegativeOrOverTheLimit() {
        assertOnly(errorsOf(attachmentWith(a -> a.put("size", -1))), "attachments[0].size", "size");
        assertOnly(errorsOf(attachmentWith(a -> a.put("size", MAX_ATTACHMENT_BYTES + 1))), "attachments[0].size",
                "size");
        assertOnly(errorsOf(attachmentWith(a -> a.put("size", new BigInteger("1" + "0".repeat(30))))),
                "attachments[0].size", "size");
    }

    @Test
    void refusesASizeThatIsNotAnInteger() {
        assertOnly(errorsOf(attachmentWith(a -> a.put("size", "12345"))), "attachments[0].size", "json-type");
        assertOnly(errorsOf(attachmentWith(a -> a.put("size", 12.5))), "attachments[0].size", "json-type");
    }

    @Test
    void refusesTwoAttachmentsOfTheSameNameIgnoringCase() {
        ObjectNode reply = found();
        reply.withArray("attachments").addObject().put("name", "other.pdf").put("sha256", SHA256).put("size", 1);
        reply.withArray("attachments").addObject().put("name", "Statement-1.PDF").put("sha256", SHA256)
                .put("size", 1);

        assertThat(errorsOf(reply)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("attachments[2].name");
            assertThat(e.rule()).isEqualTo("unique");
            assertThat(e.message()).contains("attachments[0].name");
        });
    }

    @Test
    void acceptsSeveralAttachmentsOfDifferentNames() {
        ObjectNode reply = found();
        reply.withArray("attachments").addObject().put("name", "statement-2.pdf").put("sha256", SHA256)
                .put("size", 1);
        assertThat(parser.parse(bytes(reply)).attachments()).extracting(Attachment::name)
                .containsExactly("statement-1.pdf", "statement-2.pdf");
    }

    @Test
    void listsEveryProblemAtOnce() {
        ObjectNode reply = found().put("requestId", "").put("result", "YES").put("repliedAt", "today");
        ((ObjectNode) reply.get("replyingUnit")).remove("name");
        firstAttachment(reply).put("name", "a/b").put("size", -5);

        assertThat(errorsOf(reply)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("requestId", "pattern"), tuple("replyingUnit.name", "required"), tuple("result", "enum"),
                tuple("repliedAt", "datetime"), tuple("attachments[0].name", "file-name"),
                tuple("attachments[0].size", "size"));
    }
}
