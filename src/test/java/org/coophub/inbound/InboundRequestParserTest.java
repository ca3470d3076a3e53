package org.coophub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.coophub.inbound.InboundRequests.ID_NUMBER;
import static org.coophub.inbound.InboundRequests.bytes;
import static org.coophub.inbound.InboundRequests.fromShanghai;
import static org.coophub.inbound.InboundRequests.fromUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.RequestParser;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.CooperationRequest;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.request.Unit;
import org.coophub.routing.ScopeRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InboundRequestParserTest {

    private final InboundRequestParser parser = InboundRequests.parser();

    private InboundRequest parse(ObjectNode request) {
        return parser.parse(bytes(request)).inbound();
    }

    private List<FieldError> errorsOf(ObjectNode request) {
        try {
            parser.parse(bytes(request));
        } catch (InvalidRequestException e) {
            return e.errors();
        }
        throw new AssertionError("expected the request to be refused");
    }

    private static ObjectNode with(Consumer<ObjectNode> change) {
        ObjectNode request = fromShanghai();
        change.accept(request);
        return request;
    }

    private static void assertOnly(List<FieldError> errors, String field, String rule) {
        assertThat(errors).extracting(FieldError::field, FieldError::rule).containsExactly(tuple(field, rule));
    }

    @Test
    void acceptsTheSenderFields() {
        InboundRequest inbound = parse(fromShanghai());

        assertThat(inbound.fromRegion()).isEqualTo("310104");
        assertThat(inbound.fromUnit()).isEqualTo(new Unit("310104000000", "上海市公安局徐汇分局"));
        CooperationRequest request = inbound.request();
        assertThat(request.requestId()).isEqualTo("sh-2011_0042");
        assertThat(request.type()).isEqualTo(RequestType.RECORD_CHECK);
        assertThat(request.subjects().get(0).idNumber()).isEqualTo(ID_NUMBER);
    }

    @Test
    void theOrdinaryRequestFormatStillRefusesTheSenderFields() {
        RequestParser ours = new RequestParser(new ScopeRule(InboundRequests.BUREAU_CODE), InboundRequests.CLOCK,
                InboundRequests.MAX_BYTES);
        assertThatThrownBy(() -> ours.parse(bytes(with(r -> r.remove("scope")))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::rule).containsExactlyInAnyOrder(
                                tuple("fromRegion", "unknown-field"), tuple("fromUnit", "unknown-field")));
    }

    @Test
    void requiresFromRegionAndFromUnit() {
        assertOnly(errorsOf(with(r -> r.remove("fromUnit"))), "fromUnit", "required");
        assertOnly(errorsOf(with(r -> r.remove("fromRegion"))), "fromRegion", "required");
        assertOnly(errorsOf(with(r -> r.putNull("fromUnit"))), "fromUnit", "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"31010", "3101040", "31010A", "310104000000"})
    void refusesAFromRegionThatIsNot6Digits(String region) {
        assertOnly(errorsOf(fromShanghai().put("fromRegion", region)), "fromRegion", "pattern");
    }

    @Test
    void refusesAFromRegionOutsideEveryProvince() {
        assertOnly(errorsOf(fromShanghai().put("fromRegion", "990104")), "fromRegion", "region");
    }

    @Test
    void checksTheFromUnitLikeAReplyingUnit() {
        assertOnly(errorsOf(fromShanghai().put("fromUnit", "徐汇分局")), "fromUnit", "json-type");
        assertOnly(errorsOf(with(r -> fromUnit(r).put("code", "3101040000"))), "fromUnit.code", "pattern");
        assertOnly(errorsOf(with(r -> fromUnit(r).put("code", "990104000000"))), "fromUnit.code", "region");
        assertOnly(errorsOf(with(r -> fromUnit(r).remove("name"))), "fromUnit.name", "required");
        assertOnly(errorsOf(with(r -> fromUnit(r).put("name", "局".repeat(101)))), "fromUnit.name", "length");
        assertOnly(errorsOf(with(r -> fromUnit(r).put("phone", "110"))), "fromUnit.phone", "unknown-field");
    }

    @Test
    void refusesOtherUnknownFieldsNamingTheSenderFieldsAsKnown() {
        assertThat(errorsOf(fromShanghai().put("fromProvince", "31"))).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("unknown-field");
            assertThat(e.message()).contains("fromRegion", "fromUnit", "targetRegion");
        });
    }

    @Test
    void keepsEveryRuleOfTheRequestFormatAndListsAllProblemsTogether() {
        ObjectNode request = fromShanghai().put("type", "ARREST").put("requestId", "sh 42").put("fromRegion", "99");
        request.remove("fromUnit");
        request.remove("caseNumber");

        assertThat(errorsOf(request)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("fromRegion", "pattern"), tuple("fromUnit", "required"), tuple("requestId", "pattern"),
                tuple("type", "enum"), tuple("caseNumber", "required"));
    }

    // --- the scope rule, from the sender's province

    @Test
    void acceptsANationalRequestFromAnotherProvinceThoughOurRuleWouldSayProvincial() {
        // Target 110105 is in our own province, so our rule would demand PROVINCIAL; the sender is in Shanghai.
        assertThat(parse(fromShanghai()).request().scope()).isEqualTo(Scope.NATIONAL);
    }

    @Test
    void refusesAProvincialScopeForATargetOutsideTheSendersProvince() {
        assertThat(errorsOf(fromShanghai().put("scope", "PROVINCIAL"))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("scope");
            assertThat(e.rule()).isEqualTo("scope-rule");
            assertThat(e.message()).startsWith("must be NATIONAL")
                    .contains("Beijing (11)", "the sender's own province is Shanghai (31)");
        });
    }

    @Test
    void withinTheSendersProvinceTheScopeMustBeProvincial() {
        ObjectNode withinShanghai = fromShanghai().put("targetRegion", "310115").put("scope", "PROVINCIAL");
        assertThat(parse(withinShanghai).request().scope()).isEqualTo(Scope.PROVINCIAL);

        assertThat(errorsOf(withinShanghai.put("scope", "NATIONAL"))).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("scope-rule");
            assertThat(e.message()).startsWith("must be PROVINCIAL").contains("the sender's own province Shanghai (31)");
        });
    }

    @Test
    void anOmittedScopeIsAccepted() {
        assertThat(parse(with(r -> r.remove("scope"))).request().scope()).isNull();
    }

    @Test
    void doesNotJudgeTheScopeWhenTheSenderRegionIsUnusable() {
        assertOnly(errorsOf(fromShanghai().put("scope", "PROVINCIAL").put("fromRegion", "990104")), "fromRegion",
                "region");
    }

    @ParameterizedTest
    @CsvSource({"310104, 110105, NATIONAL", "310104, 310115, PROVINCIAL", "110108, 110105, PROVINCIAL",
            "120101, 110105, NATIONAL"})
    void expectsThePlatformTheSendersProvinceCalledFor(String fromRegion, String target, Scope expected) {
        InboundRequest inbound = parse(with(r -> r.put("fromRegion", fromRegion).put("targetRegion", target)
                .remove("scope")));
        assertThat(parser.expectedScope(inbound)).isEqualTo(expected);
    }

    // --- personal data

    @Test
    void masksIdNumbersInMessages() {
        String wrong = IdNumberFixtures.withWrongCheckCharacter(ID_NUMBER);
        ObjectNode request = fromShanghai().put(ID_NUMBER, "x");
        ((ObjectNode) request.get("subjects").get(0)).put("idNumber", wrong);
        fromUnit(request).put("code", wrong);

        assertThatThrownBy(() -> parser.parse(bytes(request)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::rule)
                            .containsExactly("unknown-field", "pattern", "id-check");
                    assertThat(e.errors()).allSatisfy(error -> assertThat(error.field() + error.message())
                            .doesNotContain(ID_NUMBER).doesNotContain(wrong));
                    assertThat(e.getMessage()).doesNotContain(ID_NUMBER).doesNotContain(wrong)
                            .contains(IdNumbers.mask(wrong));
                });
    }
}
