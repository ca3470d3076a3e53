package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.coophub.ledger.Direction;
import org.coophub.ledger.RejectedInput;
import org.coophub.ledger.RequestState;
import org.coophub.ledger.Unpublished;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.RequestType;
import org.junit.jupiter.api.Test;

class DigestMailTest {

    /** 08:00 on 5 March in Beijing, still 4 March in UTC. */
    private static final Instant AS_OF = Instant.parse("2026-03-05T00:00:00Z");

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final DigestMail mail = new DigestMail(SHANGHAI);

    @Test
    void theSubjectCountsEachGroupAndAllOpenRequests() {
        DigestFacts facts = new DigestFacts(AS_OF, rows("OD", 3, Duration.ofHours(-30)),
                rows("DS", 5, Duration.ofHours(4)), rows("OP", 32, Duration.ofDays(3)), List.of(), List.of());

        RenderedMail rendered = mail.render(facts);

        assertThat(rendered.subject()).isEqualTo(
                "[coophub] 每日摘要 Daily digest 2026-03-05 · 超期 3 overdue · 即将到期 5 due soon · 未结 40 open");
        assertThat(rendered.text()).contains("超期 Overdue (3)", "即将到期 Due soon (5)", "其他未结 Other open (32)");
        assertThat(rendered.html()).contains("超期 Overdue (3)</h3>");
    }

    @Test
    void eachRowShowsTypeDirectionDeadlineStateAndLateness() {
        DigestFacts.Row late = row("CY-2026-0001", Direction.OUTBOUND, AS_OF.minus(Duration.ofDays(2)),
                RequestState.PUBLISHED);
        DigestFacts.Row later = row("CY-2026-0002", Direction.OUTBOUND, AS_OF.minus(Duration.ofHours(1)),
                RequestState.PUBLISHED);
        DigestFacts.Row inbound = new DigestFacts.Row("SH-7", RequestType.PARTY_STATEMENT, Direction.INBOUND,
                DeadlineKind.SIGN_FOR, beijing(AS_OF.plus(Duration.ofHours(3))), RequestState.RECEIVED);

        RenderedMail rendered = mail.render(new DigestFacts(AS_OF, List.of(later, late), List.of(inbound), List.of(),
                List.of(), List.of()));

        assertThat(rendered.text()).contains(
                "  CY-2026-0001 · 户籍前科协查 RECORD_CHECK · 我方发出 Outbound · 回复期限 Reply deadline 2026-03-03 08:00"
                        + " UTC+08:00 · 已发布 PUBLISHED · 超期2天 2 days late",
                "  SH-7 · 查找当事人制作笔录 PARTY_STATEMENT · 外地来函 Inbound · 签收期限 Sign-for deadline 2026-03-05 11:00"
                        + " UTC+08:00 · 已接收 RECEIVED · 剩余3小时 due in 3 hours",
                "其他未结 Other open (0)\n  无 None");
        assertThat(rendered.text().indexOf("CY-2026-0001")).as("earliest deadline first")
                .isLessThan(rendered.text().indexOf("CY-2026-0002"));
    }

    @Test
    void theDateAndTimesAreInTheConfiguredZone() {
        DigestFacts facts = new DigestFacts(AS_OF, List.of(), List.of(row("CY-1", Direction.OUTBOUND,
                AS_OF.plus(Duration.ofHours(3)), RequestState.PUBLISHED)), List.of(), List.of(), List.of());

        RenderedMail rendered = new DigestMail(ZoneId.of("America/Los_Angeles")).render(facts);

        assertThat(rendered.subject()).contains("Daily digest 2026-03-04");
        assertThat(rendered.text()).contains("回复期限 Reply deadline 2026-03-04 19:00 UTC-08:00",
                "截至 As of 2026-03-04 16:00 UTC-08:00");
    }

    @Test
    void dataIsMaskedAndEscaped() {
        String idNumber = IdNumberFixtures.valid("110105", "19491231", "002");
        DigestFacts facts = new DigestFacts(AS_OF, List.of(row("<b>" + idNumber, Direction.INBOUND, AS_OF,
                RequestState.SIGNED)), List.of(), List.of(), List.of(), List.of());

        RenderedMail rendered = mail.render(facts);

        for (String part : List.of(rendered.subject(), rendered.text(), rendered.html())) {
            assertThat(part).doesNotContain(idNumber);
        }
        assertThat(rendered.html()).doesNotContain("<b>").contains("&lt;b&gt;" + IdNumbers.mask(idNumber));
    }

    @Test
    void platformFilesKeptAsideInTheLastDayAreListedMaskedAndOnlyWhenThereAreAny() {
        String idNumber = IdNumberFixtures.valid("110105", "19491231", "002");
        RejectedInput refused = new RejectedInput(beijing(AS_OF.minus(Duration.ofHours(2))), "PLATFORM",
                "national:requests/SH-9.json", "conflict: requestId SH-9 is taken, by " + idNumber + "\nsecond line "
                + "x".repeat(300));

        RenderedMail with = mail.render(new DigestFacts(AS_OF, List.of(), List.of(), List.of(), List.of(refused), List.of()));
        RenderedMail without = mail.render(new DigestFacts(AS_OF, List.of(), List.of(), List.of(), List.of(), List.of()));

        assertThat(with.text()).contains("Platform files kept aside since the last digest (newest first) (1)",
                "national:requests/SH-9.json · conflict: requestId SH-9 is taken, by " + IdNumbers.mask(idNumber)
                        + " second line x").doesNotContain(idNumber).doesNotContain("x".repeat(300));
        assertThat(with.html()).contains("national:requests/SH-9.json").doesNotContain(idNumber);
        assertThat(without.text()).doesNotContain("kept aside");
    }

    @Test
    void ourRepliesHeldBackAreListedOnlyWhenThereAreAny() {
        RenderedMail with = mail.render(new DigestFacts(AS_OF, List.of(), List.of(), List.of(), List.of(),
                List.of(new Unpublished("SH-HELD-1", "national"))));
        RenderedMail without = mail.render(new DigestFacts(AS_OF, List.of(), List.of(), List.of(), List.of(),
                List.of()));

        assertThat(with.text()).contains("Our replies not on their platform after an hour (1)", "SH-HELD-1 · national");
        assertThat(with.html()).contains("SH-HELD-1 · national");
        assertThat(without.text()).doesNotContain("not on their platform");
    }

    private static List<DigestFacts.Row> rows(String prefix, int count, Duration dueIn) {
        return IntStream.range(0, count)
                .mapToObj(i -> row(prefix + "-" + i, i % 2 == 0 ? Direction.OUTBOUND : Direction.INBOUND,
                        AS_OF.plus(dueIn), RequestState.PUBLISHED))
                .toList();
    }

    private static DigestFacts.Row row(String requestId, Direction direction, Instant due, RequestState state) {
        return new DigestFacts.Row(requestId, RequestType.RECORD_CHECK, direction, DeadlineKind.REPLY, beijing(due),
                state);
    }

    private static OffsetDateTime beijing(Instant instant) {
        return instant.atZone(SHANGHAI).toOffsetDateTime();
    }
}
