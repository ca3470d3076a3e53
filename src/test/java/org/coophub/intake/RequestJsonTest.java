package org.coophub.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.coophub.intake.Submissions.ID_NUMBER;
import static org.coophub.intake.Submissions.bytes;
import static org.coophub.intake.Submissions.minimalCaseVerification;
import static org.coophub.intake.Submissions.recordCheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Subject;
import org.coophub.routing.ScopeRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestJsonTest {

    private final RequestParser parser = Submissions.parser();

    private static final CooperationRequest WANG_FANG_CASE = new CooperationRequest("req-1", RequestType.CASE_VERIFICATION,
            Priority.ROUTINE, null, "310104", null, "京公朝刑字[2011]0042号",
            List.of(new Subject("王芳", ID_NUMBER), new Subject("欧阳·娜娜", null)), "请协助核实案情\n\"急\"",
            OffsetDateTime.parse("2011-06-30T09:15:00+08:00"));

    @Test
    void writesFieldsInTheRecordsOrderLeavingOutAbsentOnes() {
        assertThat(new String(RequestJson.write(WANG_FANG_CASE, null), UTF_8)).isEqualTo("{"
                + "\"requestId\":\"req-1\",\"type\":\"CASE_VERIFICATION\",\"priority\":\"ROUTINE\","
                + "\"targetRegion\":\"310104\",\"caseNumber\":\"京公朝刑字[2011]0042号\","
                + "\"subjects\":[{\"name\":\"王芳\",\"idNumber\":\"" + ID_NUMBER + "\"},{\"name\":\"欧阳·娜娜\"}],"
                + "\"details\":\"请协助核实案情\\n\\\"急\\\"\",\"createdAt\":\"2011-06-30T09:15:00+08:00\"}");
    }

    @Test
    void writesTheDecidedScopeOverTheSubmittedOne() {
        assertThat(new String(RequestJson.write(WANG_FANG_CASE, Scope.NATIONAL), UTF_8))
                .contains("\"targetRegion\":\"310104\",\"scope\":\"NATIONAL\",\"caseNumber\"");
    }

    @Test
    void writesChineseAsUtf8NotEscapes() {
        assertThat(new String(RequestJson.write(WANG_FANG_CASE, null), UTF_8)).contains("王芳").doesNotContain("\\u");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(RequestJson.read(RequestJson.write(WANG_FANG_CASE, null))).isEqualTo(WANG_FANG_CASE);
        assertThat(RequestJson.read(RequestJson.write(WANG_FANG_CASE, Scope.NATIONAL)).scope()).isEqualTo(Scope.NATIONAL);
    }

    @Test
    void chineseNamesSurviveParsingWritingAndReading() {
        CooperationRequest parsed = parser.parse(bytes(recordCheck())).request();
        CooperationRequest relayed = RequestJson.read(RequestJson.write(parsed, Scope.PROVINCIAL));

        assertThat(relayed).isEqualTo(parsed);
        assertThat(relayed.subjects().get(0).name()).isEqualTo("张伟");
        assertThat(relayed.caseNumber()).isEqualTo("京公朝刑字[2011]0042号");
    }

    @Test
    void theCanonicalFormIsItselfAValidSubmission() {
        assertThat(parser.parse(RequestJson.write(WANG_FANG_CASE, Scope.NATIONAL)).request())
                .isEqualTo(new CooperationRequest(WANG_FANG_CASE.requestId(), WANG_FANG_CASE.type(), WANG_FANG_CASE.priority(), null,
                        WANG_FANG_CASE.targetRegion(), Scope.NATIONAL, WANG_FANG_CASE.caseNumber(), WANG_FANG_CASE.subjects(),
                        WANG_FANG_CASE.details(), WANG_FANG_CASE.createdAt()));
    }

    @Test
    void theHashIsHexSha256() {
        assertThat(hash(recordCheck())).matches("[0-9a-f]{64}");
    }

    @Test
    void theHashIgnoresWhitespaceAndFieldOrder() {
        String compact = new String(bytes(recordCheck()), UTF_8);
        ObjectNode reordered = recordCheck().objectNode();
        List<String> names = new ArrayList<>();
        recordCheck().fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        for (String name : names) {
            reordered.set(name, recordCheck().get(name));
        }
        String spaced = "\uFEFF\n" + new String(bytes(reordered), UTF_8).replace(",", " ,\n\t").replace("\":", "\" : ");

        assertThat(spaced).isNotEqualTo(compact);
        assertThat(RequestJson.contentHash(parser.parse(spaced.getBytes(UTF_8))))
                .isEqualTo(RequestJson.contentHash(parser.parse(compact.getBytes(UTF_8))));
    }

    @Test
    void theHashIgnoresADefaultedCreatedAt() {
        RequestParser later = new RequestParser(new ScopeRule(Submissions.BUREAU_CODE),
                Clock.fixed(Instant.parse("2011-07-02T02:00:00Z"), ZoneOffset.UTC), Submissions.MAX_BYTES);
        ParsedRequest first = parser.parse(bytes(minimalCaseVerification()));
        ParsedRequest second = later.parse(bytes(minimalCaseVerification()));

        assertThat(first.request().createdAt()).isNotEqualTo(second.request().createdAt());
        assertThat(RequestJson.contentHash(first)).isEqualTo(RequestJson.contentHash(second));
    }

    @Test
    void theHashTreatsDefaultsAsGivenTheSameMeaning() {
        assertThat(hash(minimalCaseVerification().put("priority", "ROUTINE")))
                .isEqualTo(hash(minimalCaseVerification()));
        assertThat(hash(minimalCaseVerification().put("subjects", (String) null)))
                .isEqualTo(hash(minimalCaseVerification()));
    }

    @Test
    void theHashTreatsBothCasesOfXAlike() {
        String x = IdNumberFixtures.endingInX();
        ObjectNode upper = recordCheck();
        ((ObjectNode) upper.get("subjects").get(0)).put("idNumber", x);
        ObjectNode lower = recordCheck();
        ((ObjectNode) lower.get("subjects").get(0)).put("idNumber", x.substring(0, 17) + "x");

        assertThat(hash(lower)).isEqualTo(hash(upper));
    }

    @Test
    void theHashIgnoresBlanksAroundTheRequestingRoom() {
        assertThat(hash(recordCheck().put("requestingRoom", "预审室 Pre-trial room 2 ")))
                .isEqualTo(hash(recordCheck().put("requestingRoom", "预审室 Pre-trial room 2")));
        assertThat(hash(minimalCaseVerification().put("requestingRoom", " ")))
                .isEqualTo(hash(minimalCaseVerification()));
    }

    static Stream<Arguments> changes() {
        Map<String, Consumer<ObjectNode>> changes = Map.ofEntries(
                Map.entry("requestId", r -> r.put("requestId", "req-2011_0002")),
                Map.entry("type", r -> r.put("type", "PARTY_STATEMENT")),
                Map.entry("priority", r -> r.put("priority", "ROUTINE")),
                Map.entry("requestingRoom", r -> r.put("requestingRoom", "预审室 Pre-trial room 3")),
                Map.entry("requestingRoom omitted", r -> r.remove("requestingRoom")),
                Map.entry("targetRegion", r -> r.put("targetRegion", "110105")),
                Map.entry("scope omitted", r -> r.remove("scope")),
                Map.entry("caseNumber", r -> r.put("caseNumber", "京公朝刑字[2011]0043号")),
                Map.entry("subject name", r -> ((ObjectNode) r.get("subjects").get(0)).put("name", "张伟伟")),
                Map.entry("subject idNumber", r -> ((ObjectNode) r.get("subjects").get(0))
                        .put("idNumber", IdNumberFixtures.valid("110105", "19900307", "124"))),
                Map.entry("second subject", r -> r.withArray("subjects").addObject().put("name", "李娜").put("idNumber", ID_NUMBER)),
                Map.entry("details", r -> r.put("details", "户籍前科协查 ")),
                Map.entry("createdAt", r -> r.put("createdAt", "2011-06-30T09:15:01+08:00")),
                Map.entry("createdAt offset", r -> r.put("createdAt", "2011-06-30T01:15:00Z")),
                Map.entry("createdAt omitted", r -> r.remove("createdAt")));
        return changes.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangeChangesTheHash(String change, Consumer<ObjectNode> apply) {
        ObjectNode changed = recordCheck();
        apply.accept(changed);

        assertThat(hash(changed)).isNotEqualTo(hash(recordCheck()));
    }

    @Test
    void subjectOrderMatters() {
        ObjectNode ab = recordCheck();
        ab.withArray("subjects").addObject().put("name", "李娜").put("idNumber", ID_NUMBER);
        ObjectNode ba = recordCheck();
        ba.withArray("subjects").insertObject(0).put("name", "李娜").put("idNumber", ID_NUMBER);

        assertThat(hash(ab)).isNotEqualTo(hash(ba));
    }

    private String hash(ObjectNode request) {
        return RequestJson.contentHash(parser.parse(bytes(request)));
    }
}
