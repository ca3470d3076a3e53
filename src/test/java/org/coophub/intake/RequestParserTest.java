package org.coophub.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.coophub.intake.Submissions.ID_NUMBER;
import static org.coophub.intake.Submissions.MAX_BYTES;
import static org.coophub.intake.Submissions.NATIONAL_TARGET;
import static org.coophub.intake.Submissions.bytes;
import static org.coophub.intake.Submissions.minimalCaseVerification;
import static org.coophub.intake.Submissions.recordCheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Subject;
import org.coophub.routing.ScopeRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParserTest {

    private final RequestParser parser = Submissions.parser();

    private ParsedRequest parse(ObjectNode request) {
        return parser.parse(bytes(request));
    }

    private List<FieldError> errorsOf(byte[] bytes) {
        try {
            parser.parse(bytes);
        } catch (InvalidRequestException e) {
            return e.errors();
        }
        throw new AssertionError("expected the submission to be rejected");
    }

    private List<FieldError> errorsOf(ObjectNode request) {
        return errorsOf(bytes(request));
    }

    private ObjectNode recordCheckWith(Consumer<ObjectNode> change) {
        ObjectNode request = recordCheck();
        change.accept(request);
        return request;
    }

    private static void assertOnly(List<FieldError> errors, String field, String rule) {
        assertThat(errors).extracting(FieldError::field, FieldError::rule).containsExactly(tuple(field, rule));
    }

    @Test
    void acceptsARequestWithEveryField() {
        ParsedRequest parsed = parse(recordCheck());

        assertThat(parsed.createdAtGiven()).isTrue();
        assertThat(parsed.request()).isEqualTo(new CooperationRequest("req-2011_0001", RequestType.RECORD_CHECK,
                Priority.URGENT, "预审室 Pre-trial room 2", "110108", Scope.PROVINCIAL, "京公朝刑字[2011]0042号",
                List.of(new Subject("张伟", ID_NUMBER)), "户籍前科协查",
                OffsetDateTime.parse("2011-06-30T09:15:00+08:00")));
    }

    @Test
    void acceptsAMinimalRequestFillingInDefaults() {
        ParsedRequest parsed = parse(minimalCaseVerification());

        assertThat(parsed.createdAtGiven()).isFalse();
        CooperationRequest request = parsed.request();
        assertThat(request.priority()).isEqualTo(Priority.ROUTINE);
        assertThat(request.createdAt()).isEqualTo(OffsetDateTime.now(Submissions.CLOCK));
        assertThat(request.scope()).as("the submitted scope; the rule decides later").isNull();
        assertThat(request.subjects()).isEmpty();
        assertThat(request.requestingRoom()).isNull();
        assertThat(request.details()).isNull();
    }

    @Test
    void acceptsNullAsAnAbsentOptionalField() {
        ObjectNode request = minimalCaseVerification();
        request.putNull("details").putNull("priority").putNull("scope").putNull("subjects").putNull("createdAt");

        assertThat(parse(request).request().priority()).isEqualTo(Priority.ROUTINE);
    }

    @Test
    void acceptsAUtf8ByteOrderMark() {
        byte[] json = bytes(recordCheck());
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);

        assertThat(parser.parse(withBom).request().subjects().get(0).name()).isEqualTo("张伟");
    }

    @Test
    void acceptsWhitespaceAroundTheObject() {
        String json = new String(bytes(recordCheck()), UTF_8);
        assertThat(parser.parse(("\n\t " + json + " \r\n").getBytes(UTF_8)).request().requestId())
                .isEqualTo("req-2011_0001");
    }

    @Test
    void acceptsADocumentOfExactlyTheSizeLimit() {
        byte[] json = bytes(minimalCaseVerification());
        RequestParser exact = new RequestParser(new ScopeRule(Submissions.BUREAU_CODE), Submissions.CLOCK,
                json.length);
        assertThat(exact.parse(json).request().requestId()).isEqualTo("r1");
    }

    @Test
    void acceptsALowercaseXCheckCharacterStoredAsUppercase() {
        String x = IdNumberFixtures.endingInX();
        ObjectNode request = recordCheck();
        ((ObjectNode) request.get("subjects").get(0)).put("idNumber", x.substring(0, 17) + "x");

        assertThat(parse(request).request().subjects().get(0).idNumber()).isEqualTo(x);
    }

    @Test
    void acceptsARequestingRoomStoredWithoutTheBlanksAroundIt() {
        assertThat(parse(recordCheck().put("requestingRoom", " 预审一室 \u3000")).request().requestingRoom())
                .isEqualTo("预审一室");
        assertThat(parse(recordCheck().put("requestingRoom", "室".repeat(100) + " ")).request().requestingRoom())
                .hasSize(100);
        assertThat(parse(recordCheck().put("requestingRoom", "  ")).request().requestingRoom()).isNull();
    }

    @Test
    void acceptsACaseVerificationSubjectWithoutIdNumber() {
        ObjectNode request = minimalCaseVerification();
        request.putArray("subjects").addObject().put("name", "李娜");

        assertThat(parse(request).request().subjects()).containsExactly(new Subject("李娜", null));
    }

    @Test
    void acceptsAnExplicitScopeThatAgreesWithTheRule() {
        assertThat(parse(minimalCaseVerification().put("scope", "NATIONAL")).request().scope())
                .isEqualTo(Scope.NATIONAL);
    }

    @Test
    void acceptsCreatedAtInUtc() {
        assertThat(parse(minimalCaseVerification().put("createdAt", "2011-06-30T01:15:00Z")).request().createdAt())
                .isEqualTo(OffsetDateTime.parse("2011-06-30T01:15:00Z"));
    }

    @Test
    void acceptsFieldsAtTheirMaximumLength() {
        ObjectNode request = recordCheck()
                .put("requestId", "r".repeat(64))
                .put("requestingRoom", "室".repeat(100))
                .put("caseNumber", "号".repeat(64))
                .put("details", "详".repeat(4000));
        ((ObjectNode) request.get("subjects").get(0)).put("name", "名".repeat(100));

        assertThat(parse(request).request().details()).hasSize(4000);
    }

    @Test
    void rejectsTheDocumentOverTheSizeLimitWithoutDecodingIt() {
        byte[] tooBig = new byte[(int) MAX_BYTES + 1];
        tooBig[0] = (byte) 0xFF; // not UTF-8: the size must be reported, not the encoding

        assertOnly(errorsOf(tooBig), FieldError.DOCUMENT, "size");
    }

    @Test
    void rejectsTheDocumentWhenEmpty() {
        assertOnly(errorsOf(new byte[0]), FieldError.DOCUMENT, "empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n\r\n", "\t  \n", "\uFEFF"})
    void rejectsTheDocumentWhenOnlyWhitespace(String whitespace) {
        assertOnly(errorsOf(whitespace.getBytes(UTF_8)), FieldError.DOCUMENT, "empty");
    }

    @Test
    void rejectsTheDocumentWhenNotUtf8() {
        byte[] gbk = new String(bytes(recordCheck()), UTF_8).getBytes(Charset.forName("GBK"));

        assertOnly(errorsOf(gbk), FieldError.DOCUMENT, "utf-8");
    }

    @Test
    void rejectsTheDocumentWhenNotJsonSayingWhere() {
        List<FieldError> errors = errorsOf("{\n  \"requestId\": \"r1\",\n  type: 1\n}".getBytes(UTF_8));

        assertOnly(errors, FieldError.DOCUMENT, "json");
        assertThat(errors.get(0).message()).contains("line 3, column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"request\"", "42", "null", "true"})
    void rejectsTheDocumentWhenNotAnObject(String json) {
        List<FieldError> errors = errorsOf(json.getBytes(UTF_8));

        assertOnly(errors, FieldError.DOCUMENT, "json");
        assertThat(errors.get(0).message()).startsWith("must be a JSON object");
    }

    @Test
    void rejectsTheDocumentWhenAFieldIsGivenTwice() {
        assertOnly(errorsOf("{\"requestId\": \"r1\", \"requestId\": \"r2\"}".getBytes(UTF_8)),
                FieldError.DOCUMENT, "json");
    }

    @ParameterizedTest
    @ValueSource(strings = {" {}", "{\"requestId\": \"r2\"}", " garbage", ",", "\"more\""})
    void rejectsTheDocumentWhenDataFollowsTheObject(String trailing) {
        byte[] json = (new String(bytes(recordCheck()), UTF_8) + trailing).getBytes(UTF_8);

        List<FieldError> errors = errorsOf(json);
        assertOnly(errors, FieldError.DOCUMENT, "trailing-data");
        assertThat(errors.get(0).message()).contains("line 1, column");
    }

    @Test
    void rejectsBadJsonWithoutEchoingAnIdNumberJacksonQuotes() {
        List<FieldError> errors = errorsOf(("{\"requestId\": " + ID_NUMBER + "abc}").getBytes(UTF_8));

        assertThat(errors).singleElement().satisfies(e -> assertThat(e.message()).doesNotContain(ID_NUMBER));
    }

    @Test
    void rejectsUnknownFieldsSoTyposAreNotIgnored() {
        ObjectNode request = recordCheckWith(r -> r.put("targetRegoin", "110108"));
        ((ObjectNode) request.get("subjects").get(0)).put("idNo", ID_NUMBER);

        assertThat(errorsOf(request)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("targetRegoin", "unknown-field"), tuple("subjects[0].idNo", "unknown-field"));
    }

    @Test
    void rejectsAnUnknownFieldNamedByAnIdNumberWithoutEchoingIt() {
        assertOnly(errorsOf(recordCheck().put(ID_NUMBER, "张伟")), IdNumbers.mask(ID_NUMBER), "unknown-field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"requestId", "type", "targetRegion", "caseNumber"})
    void rejectsWhenARequiredFieldIsMissing(String field) {
        assertOnly(errorsOf(minimalCaseVerification().without(field)), field, "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"requestId", "type", "targetRegion", "caseNumber"})
    void rejectsWhenARequiredFieldIsNull(String field) {
        assertOnly(errorsOf(minimalCaseVerification().putNull(field)), field, "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "req/1", "请求1", "r.1"})
    void rejectsARequestIdOutsideThePattern(String requestId) {
        assertOnly(errorsOf(recordCheck().put("requestId", requestId)), "requestId", "pattern");
    }

    @Test
    void rejectsARequestIdOver64Characters() {
        assertOnly(errorsOf(recordCheck().put("requestId", "r".repeat(65))), "requestId", "pattern");
    }

    @Test
    void rejectsAnUnknownTypeListingTheAllowedOnes() {
        List<FieldError> errors = errorsOf(recordCheck().put("type", "record_check"));

        assertOnly(errors, "type", "enum");
        assertThat(errors.get(0).message()).contains("CASE_VERIFICATION, PARTY_STATEMENT, RECORD_CHECK");
    }

    @Test
    void rejectsAnUnknownPriority() {
        List<FieldError> errors = errorsOf(recordCheck().put("priority", "HIGH"));

        assertOnly(errors, "priority", "enum");
        assertThat(errors.get(0).message()).contains("ROUTINE, URGENT");
    }

    @Test
    void rejectsAnUnknownScope() {
        assertOnly(errorsOf(recordCheck().put("scope", "LOCAL")), "scope", "enum");
    }

    @Test
    void rejectsANumberWhereAStringIsExpected() {
        List<FieldError> errors = errorsOf(recordCheck().put("requestId", 42).put("caseNumber", 42.5)
                .put("targetRegion", 110108).put("createdAt", 1309396500));

        assertThat(errors).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("requestId", "json-type"), tuple("targetRegion", "json-type"),
                tuple("caseNumber", "json-type"), tuple("createdAt", "json-type"));
        assertThat(errors.get(0).message()).isEqualTo("must be a string, is number");
    }

    @Test
    void rejectsOtherWrongJsonTypes() {
        ObjectNode request = recordCheckWith(r -> r.put("type", true).putArray("details").add("x"));
        request.putObject("priority");

        assertThat(errorsOf(request)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("type", "json-type"), tuple("priority", "json-type"), tuple("details", "json-type"));
    }

    @Test
    void rejectsSubjectsThatAreNotAnArray() {
        ObjectNode request = recordCheck();
        request.putObject("subjects").put("name", "张伟").put("idNumber", ID_NUMBER);

        assertOnly(errorsOf(request), "subjects", "json-type");
    }

    @Test
    void rejectsASubjectThatIsNotAnObject() {
        ObjectNode request = recordCheck();
        request.withArray("subjects").add("张伟");

        List<FieldError> errors = errorsOf(request);
        assertOnly(errors, "subjects[1]", "json-type");
        assertThat(errors.get(0).message()).isEqualTo("must be an object, is string");
    }

    @Test
    void rejectsARequestingRoomOver100Characters() {
        assertOnly(errorsOf(recordCheck().put("requestingRoom", "室".repeat(101))), "requestingRoom", "length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010", "1101080", "11o108", "", "１１０１０８"})
    void rejectsATargetRegionThatIsNotSixDigits(String region) {
        assertOnly(errorsOf(recordCheck().put("targetRegion", region)), "targetRegion", "pattern");
    }

    @ParameterizedTest
    @ValueSource(strings = {"990101", "000000", "100101", "720101"})
    void rejectsATargetRegionOutsideEveryProvince(String region) {
        List<FieldError> errors = errorsOf(recordCheck().put("targetRegion", region));

        assertOnly(errors, "targetRegion", "region");
        assertThat(errors.get(0).message()).contains(region.substring(0, 2));
    }

    @Test
    void rejectsANationalScopeForATargetInOurOwnProvince() {
        List<FieldError> errors = errorsOf(recordCheck().put("scope", "NATIONAL"));

        assertOnly(errors, "scope", "scope-rule");
        assertThat(errors.get(0).message()).startsWith("must be PROVINCIAL")
                .contains("our own province Beijing (11)");
    }

    @Test
    void rejectsAProvincialScopeForATargetInAnotherProvince() {
        List<FieldError> errors = errorsOf(recordCheck().put("targetRegion", NATIONAL_TARGET));

        assertOnly(errors, "scope", "scope-rule");
        assertThat(errors.get(0).message()).startsWith("must be NATIONAL")
                .contains("Shanghai (31)", "our own province is Beijing (11)");
    }

    @Test
    void appliesNoScopeRuleJudgementWithoutAUsableTarget() {
        assertOnly(errorsOf(recordCheck().put("scope", "NATIONAL").put("targetRegion", "990101")),
                "targetRegion", "region");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void rejectsABlankCaseNumber(String caseNumber) {
        assertOnly(errorsOf(recordCheck().put("caseNumber", caseNumber)), "caseNumber", "required");
    }

    @Test
    void rejectsACaseNumberOver64Characters() {
        assertOnly(errorsOf(recordCheck().put("caseNumber", "1".repeat(65))), "caseNumber", "length");
    }

    @Test
    void rejectsDetailsOver4000Characters() {
        assertOnly(errorsOf(recordCheck().put("details", "详".repeat(4001))), "details", "length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u001b", "\\u007f", "\\u0085", "\\ud800", "\\udc00", "x\\ud83d"})
    void rejectsTextThatCannotBeStoredAsItIsNamingTheCharacter(String escape) {
        byte[] request = new String(bytes(recordCheck().put("details", "before-after")), UTF_8)
                .replace("before-after", "before" + escape + "after").getBytes(UTF_8);
        List<FieldError> errors = errorsOf(request);
        assertOnly(errors, "details", "characters");
        assertThat(errors.get(0).message()).contains("U+" + escape.substring(escape.length() - 4).toUpperCase());
    }

    @Test
    void rejectsAnUnstorableCharacterInAnyTextFieldEvenANestedOne() {
        ObjectNode request = recordCheck();
        ((ObjectNode) request.withArray("subjects").get(0)).put("name", "张\u0000三");
        assertOnly(errorsOf(request), "subjects[0].name", "characters");
        assertOnly(errorsOf(recordCheck().put("requestId", "R-1\u0000")), "requestId", "characters");
    }

    @Test
    void acceptsTabsLineBreaksAndCharactersOutsideTheBasicPlane() {
        String details = "第一行\r\n\t第二行 😀 𠀀";
        assertThat(parse(recordCheck().put("details", details)).request().details()).isEqualTo(details);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2011-06-30T09:15:00", "2011-06-30", "30/06/2011 09:15 +08:00", "yesterday",
            "2011-06-31T09:15:00+08:00"})
    void rejectsACreatedAtThatIsNotADateTimeWithOffset(String createdAt) {
        assertOnly(errorsOf(recordCheck().put("createdAt", createdAt)), "createdAt", "datetime");
    }

    /** PostgreSQL refuses the first and its driver turns the second into -infinity, where H2 stores both. */
    @ParameterizedTest
    @ValueSource(strings = {"+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z", "1970-01-01T07:59:59+08:00"})
    void rejectsACreatedAtOutsideTheYears1970To9999NamingTheRange(String createdAt) {
        List<FieldError> errors = errorsOf(recordCheck().put("createdAt", createdAt));
        assertOnly(errors, "createdAt", "datetime");
        assertThat(errors.get(0).message()).contains("1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T08:00:00+08:00", "9999-12-31T23:59:59Z"})
    void acceptsACreatedAtAtEitherEndOfTheRange(String createdAt) {
        assertThat(parse(recordCheck().put("createdAt", createdAt)).request().createdAt())
                .isEqualTo(OffsetDateTime.parse(createdAt));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PARTY_STATEMENT", "RECORD_CHECK"})
    void rejectsSubjectsWhenATypeAboutAPersonNamesNobody(String type) {
        assertOnly(errorsOf(recordCheck().put("type", type).without("subjects")), "subjects", "min-items");
        ObjectNode empty = recordCheck().put("type", type);
        empty.putArray("subjects");
        assertOnly(errorsOf(empty), "subjects", "min-items");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PARTY_STATEMENT", "RECORD_CHECK"})
    void rejectsSubjectsWhenATypeAboutAPersonLacksTheIdNumber(String type) {
        ObjectNode request = recordCheck().put("type", type);
        ((ObjectNode) request.get("subjects").get(0)).remove("idNumber");

        assertOnly(errorsOf(request), "subjects[0].idNumber", "required");
    }

    @Test
    void rejectsSubjectsWithoutAName() {
        ObjectNode request = recordCheck();
        request.withArray("subjects").addObject().put("idNumber", ID_NUMBER);
        request.withArray("subjects").addObject().put("name", " ").put("idNumber", ID_NUMBER);

        assertThat(errorsOf(request)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("subjects[1].name", "required"), tuple("subjects[2].name", "required"));
    }

    @Test
    void rejectsSubjectsWithANameOver100Characters() {
        ObjectNode request = recordCheck();
        ((ObjectNode) request.get("subjects").get(0)).put("name", "名".repeat(101));

        assertOnly(errorsOf(request), "subjects[0].name", "length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RECORD_CHECK", "CASE_VERIFICATION"})
    void rejectsSubjectsWithABadCheckCharacterNeverEchoingTheNumber(String type) {
        String wrong = IdNumberFixtures.withWrongCheckCharacter(ID_NUMBER);
        ObjectNode request = recordCheck().put("type", type);
        ((ObjectNode) request.get("subjects").get(0)).put("idNumber", wrong);

        InvalidRequestException e = rejection(request);
        assertOnly(e.errors(), "subjects[0].idNumber", "id-check");
        assertThat(e.errors().get(0).message()).doesNotContain(wrong).contains(IdNumbers.mask(wrong));
        assertThat(e.getMessage()).doesNotContain(wrong);
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519900230123", "1101051990030712", "110105199003071234567", "abc"})
    void rejectsSubjectsWithAMalformedIdNumber(String first17OrJunk) {
        String idNumber = first17OrJunk.length() == 17 ? first17OrJunk + "0" : first17OrJunk;
        ObjectNode request = recordCheck();
        ((ObjectNode) request.get("subjects").get(0)).put("idNumber", idNumber);

        assertOnly(errorsOf(request), "subjects[0].idNumber", "id-check");
    }

    @Test
    void rejectsSubjectsWithAnIdNumberThatIsNotAString() {
        ObjectNode request = recordCheck();
        ((ObjectNode) request.get("subjects").get(0)).put("idNumber", 110105199003071234L);

        assertOnly(errorsOf(request), "subjects[0].idNumber", "json-type");
    }

    @Test
    void reportsEveryErrorAtOnce() {
        ObjectNode request = recordCheck()
                .put("requestId", "bad id")
                .put("type", "PARTY_STATEMENT")
                .put("priority", 1)
                .put("targetRegion", NATIONAL_TARGET)
                .put("scope", "PROVINCIAL")
                .put("caseNumber", " ")
                .put("createdAt", "2011-06-30T09:15:00")
                .put("colour", "red");
        ObjectNode subject = (ObjectNode) request.get("subjects").get(0);
        subject.remove("name");
        subject.put("idNumber", IdNumberFixtures.withWrongCheckCharacter(ID_NUMBER));

        assertThat(errorsOf(request)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("colour", "unknown-field"),
                tuple("requestId", "pattern"),
                tuple("priority", "json-type"),
                tuple("scope", "scope-rule"),
                tuple("caseNumber", "required"),
                tuple("subjects[0].name", "required"),
                tuple("subjects[0].idNumber", "id-check"),
                tuple("createdAt", "datetime"));
    }

    @Test
    void theExceptionMessageListsEveryErrorWithItsRule() {
        InvalidRequestException e = rejection(recordCheck().put("requestId", "bad id").put("priority", "HIGH"));

        assertThat(e.getMessage()).isEqualTo("invalid cooperation request, 2 errors:\n"
                + "  requestId: must be 1-64 of A-Z, a-z, 0-9, '_' and '-' [pattern]\n"
                + "  priority: must be one of ROUTINE, URGENT [enum]");
    }

    private InvalidRequestException rejection(ObjectNode request) {
        AbstractThrowableAssert<?, ? extends Throwable> rejected =
                assertThatThrownBy(() -> parse(request)).isInstanceOf(InvalidRequestException.class);
        return (InvalidRequestException) rejected.actual();
    }
}
