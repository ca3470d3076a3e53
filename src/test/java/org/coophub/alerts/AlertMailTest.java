package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.coophub.ledger.Direction;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.junit.jupiter.api.Test;

class AlertMailTest {

    private static final OffsetDateTime DUE = OffsetDateTime.parse("2026-03-03T09:00:00+08:00");
    private static final String ID_NUMBER = IdNumberFixtures.valid("110105", "19491231", "002");

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final AlertMail mail = new AlertMail(SHANGHAI);

    @Test
    void theSubjectNamesStepTypeRequestAndHowLate() {
        RenderedMail overdue = mail.render(facts(AlertStep.OVERDUE, Duration.ofDays(2).plusHours(3)));

        assertThat(overdue.subject()).isEqualTo(
                "[coophub] 超期未回复 OVERDUE · 户籍前科协查 RECORD_CHECK · CY-2026-0001 · 超期2天3小时 2 days 3 hours late");
    }

    @Test
    void everyStepHasItsOwnSubject() {
        assertThat(mail.render(facts(AlertStep.DUE_SOON, Duration.ofHours(-5))).subject()).isEqualTo(
                "[coophub] 到期提醒 DUE_SOON · 户籍前科协查 RECORD_CHECK · CY-2026-0001 · 剩余5小时 due in 5 hours");
        assertThat(mail.render(facts(AlertStep.SECOND_NOTICE, Duration.ofDays(1))).subject()).isEqualTo(
                "[coophub] 第二次催办 SECOND_NOTICE · 户籍前科协查 RECORD_CHECK · CY-2026-0001 · 超期1天 1 day late");
        assertThat(mail.render(facts(AlertStep.THIRD_NOTICE, Duration.ofDays(3))).subject()).isEqualTo(
                "[coophub] 第三次催办 THIRD_NOTICE · 户籍前科协查 RECORD_CHECK · CY-2026-0001 · 超期3天 3 days late");
    }

    @Test
    void anOverdueSignatureIsCalledOverdueNotSignedForNotReplied() {
        AlertFacts signFor = new AlertFacts(7, AlertStep.OVERDUE, DeadlineKind.SIGN_FOR, "SH-9", Direction.INBOUND,
                RequestType.PARTY_STATEMENT, Priority.ROUTINE, "沪公(刑)字[2026]7号", null, "national", "上海市公安局徐汇分局",
                DUE, DUE.toInstant().plus(Duration.ofHours(1)), List.of("duty@example.org"), null);

        RenderedMail rendered = mail.render(signFor);

        assertThat(rendered.subject()).startsWith("[coophub] 超期未签收 OVERDUE · ");
        assertThat(rendered.text()).startsWith("超期未签收 Overdue · ").doesNotContain("超期未回复");
        assertThat(rendered.html()).contains("超期未签收 Overdue · ").doesNotContain("超期未回复");
    }

    @Test
    void theBodySaysWhatIsDueWhereAndWhatToDoInBothLanguages() {
        RenderedMail rendered = mail.render(facts(AlertStep.OVERDUE, Duration.ofDays(2).plusHours(3)));

        assertThat(rendered.text()).contains(
                "超期未回复 Overdue · 户籍前科协查 Household-registration and criminal-record check · CY-2026-0001",
                "回复期限 Reply deadline: 2026-03-03 09:00 UTC+08:00",
                "现状 Status: 超期2天3小时 2 days 3 hours late",
                "平台 Platform: national",
                "目标地区 Target region: 310104",
                "请求单位 Requesting room: 预审一室",
                "优先级 Priority: 紧急 Urgent",
                "Chase the other region for its reply, on the national platform or by phone.",
                "确认收到 Acknowledge: https://hub.example/ack/abc_-1",
                "告警编号 Alert no. 42");
        assertThat(rendered.html()).contains("<a href=\"https://hub.example/ack/abc_-1\">", "超期2天3小时 2 days 3 hours late");
    }

    @Test
    void theDeadlineIsShownInTheBureausZoneWhateverItsOffset() {
        AlertFacts facts = with(facts(AlertStep.OVERDUE, Duration.ofHours(1)),
                DUE.withOffsetSameInstant(ZoneOffset.UTC));

        assertThat(mail.render(facts).text()).contains("2026-03-03 09:00 UTC+08:00");
    }

    @Test
    void timesAreInTheConfiguredZoneWithItsOffsetThatDay() {
        AlertMail inUrumqi = new AlertMail(ZoneId.of("Asia/Urumqi"));
        AlertMail inBerlin = new AlertMail(ZoneId.of("Europe/Berlin"));

        assertThat(inUrumqi.render(facts(AlertStep.OVERDUE, Duration.ofHours(1))).text())
                .contains("回复期限 Reply deadline: 2026-03-03 07:00 UTC+06:00", "截至 As of 2026-03-03 08:00 UTC+06:00")
                .doesNotContain("北京时间");
        // summer time: the offset is the one in force at that moment
        assertThat(inBerlin.render(with(facts(AlertStep.OVERDUE, Duration.ofHours(1)),
                OffsetDateTime.parse("2026-07-01T09:00:00+08:00"))).text())
                .contains("回复期限 Reply deadline: 2026-07-01 03:00 UTC+02:00", "截至 As of 2026-03-03 03:00 UTC+01:00");
    }

    @Test
    void anInboundRequestNamesTheSendingUnitAndOurDuty() {
        AlertFacts facts = new AlertFacts(7, AlertStep.DUE_SOON, DeadlineKind.SIGN_FOR, "SH-9", Direction.INBOUND,
                RequestType.PARTY_STATEMENT, Priority.ROUTINE, "沪公(刑)字[2026]7号", null, "national", "上海市公安局徐汇分局",
                DUE, DUE.toInstant().minus(Duration.ofMinutes(45)), List.of("duty@example.org"), null);

        RenderedMail rendered = mail.render(facts);

        assertThat(rendered.text()).contains("签收期限 Sign-for deadline", "发送单位 Sending unit: 上海市公安局徐汇分局",
                "剩余45分钟 due in 45 minutes", "Have our handling unit sign for this request on the national platform.")
                .doesNotContain("请求单位", "Acknowledge", "详情");
        assertThat(rendered.html()).doesNotContain("<a ");
    }

    @Test
    void idNumbersAreMaskedEverywhere() {
        String fullWidth = ID_NUMBER.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０')))
                .reduce("", String::concat);
        AlertFacts facts = new AlertFacts(42, AlertStep.OVERDUE, DeadlineKind.REPLY, "CY-2026-0001",
                Direction.OUTBOUND, RequestType.RECORD_CHECK, Priority.URGENT, "案" + ID_NUMBER, "室" + ID_NUMBER,
                "national", ID_NUMBER, DUE, DUE.toInstant().plus(Duration.ofDays(1)), List.of("duty@example.org"),
                null);

        RenderedMail rendered = mail.render(facts);

        for (String part : List.of(rendered.subject(), rendered.text(), rendered.html())) {
            assertThat(part).doesNotContain(ID_NUMBER, ID_NUMBER.substring(6, 14), fullWidth.substring(6, 14));
        }
        assertThat(rendered.text()).contains("案件编号 Case number: 案" + IdNumbers.mask(ID_NUMBER),
                "目标地区 Target region: " + IdNumbers.mask(ID_NUMBER));
        assertThat(rendered.html()).contains("案" + IdNumbers.mask(ID_NUMBER));
    }

    @Test
    void dataIsEscapedInTheHtml() {
        AlertFacts facts = new AlertFacts(42, AlertStep.OVERDUE, DeadlineKind.REPLY, "CY-1", Direction.OUTBOUND,
                RequestType.CASE_VERIFICATION, Priority.ROUTINE, "<script>alert(1)</script>", "A&B \"room\"",
                "national", "310104", DUE, DUE.toInstant().plusSeconds(3600), List.of("duty@example.org"),
                "https://hub.example/ack?a=1&b=\"2\"");

        String html = mail.render(facts).html();

        assertThat(html).doesNotContain("<script>", "<img", "A&B", "\"room\"", "b=\"2\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "A&amp;B &quot;room&quot;",
                        "href=\"https://hub.example/ack?a=1&amp;b=&quot;2&quot;\"");
    }

    @Test
    void lineBreaksCannotReachTheSubjectOrForgeLines() {
        AlertFacts facts = new AlertFacts(42, AlertStep.OVERDUE, DeadlineKind.REPLY, "CY-1\r\nBcc: evil@example.org",
                Direction.OUTBOUND, RequestType.CASE_VERIFICATION, Priority.ROUTINE, "A\n确认收到 Acknowledge: http://evil",
                null, "national\u2028x", "310104\u202e", DUE, DUE.toInstant().plusSeconds(3600),
                List.of("duty@example.org"), null);

        RenderedMail rendered = mail.render(facts);

        assertThat(rendered.subject()).doesNotContain("\r", "\n").contains("CY-1  Bcc: evil@example.org");
        assertThat(rendered.subject().codePoints()).noneMatch(Character::isISOControl);
        assertThat(rendered.text().lines()).noneMatch(l -> l.startsWith("Bcc:"))
                .noneMatch(l -> l.startsWith("确认收到"));
        assertThat(rendered.text()).doesNotContain("\r", "\u2028", "\u202e");
    }

    @Test
    void onlyWebLinksAndPlainAddressesAreAccepted() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AlertFacts(1, AlertStep.OVERDUE, DeadlineKind.REPLY,
                "CY-1", Direction.OUTBOUND, RequestType.CASE_VERIFICATION, Priority.ROUTINE, "c", null, "national",
                "310104", DUE, DUE.toInstant(), List.of("duty@example.org"), "javascript:alert(1)"));
        assertThatIllegalArgumentException().isThrownBy(() -> new AlertFacts(1, AlertStep.OVERDUE, DeadlineKind.REPLY,
                "CY-1", Direction.OUTBOUND, RequestType.CASE_VERIFICATION, Priority.ROUTINE, "c", null, "national",
                "310104", DUE, DUE.toInstant(), List.of("duty@example.org\r\nBcc: x@y"), null));
        assertThatIllegalArgumentException().isThrownBy(() -> new AlertFacts(1, AlertStep.OVERDUE, DeadlineKind.REPLY,
                "CY-1", Direction.OUTBOUND, RequestType.CASE_VERIFICATION, Priority.ROUTINE, "c", null, "national",
                "310104", DUE, DUE.toInstant(), List.of(), null));
    }

    /** An outbound record check, {@code late} past its deadline (negative: before it). */
    private static AlertFacts facts(AlertStep step, Duration late) {
        return new AlertFacts(42, step, DeadlineKind.REPLY, "CY-2026-0001", Direction.OUTBOUND,
                RequestType.RECORD_CHECK, Priority.URGENT, "京朝公(刑)字[2026]0042号", "预审一室", "national", "310104",
                DUE, DUE.toInstant().plus(late), List.of("duty@example.org"), "https://hub.example/ack/abc_-1");
    }

    private static AlertFacts with(AlertFacts f, OffsetDateTime due) {
        return new AlertFacts(f.alertId(), f.step(), f.kind(), f.requestId(), f.direction(), f.type(), f.priority(),
                f.caseNumber(), f.requestingRoom(), f.platform(), f.counterpart(), due, f.asOf(), f.recipients(),
                f.ackUrl());
    }
}
