package org.coophub.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.coophub.ledger.Direction;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The limits as Spring binds them at start-up, and the start refused with the key to fix. */
class DeadlinePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DeadlineProperties.class)
    @Import(DeadlinesConfiguration.class)
    static class Wiring {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void withNothingConfiguredTheDefaultsApply() {
        runner.run(context -> {
            DeadlineProperties properties = context.getBean(DeadlineProperties.class);
            assertThat(properties.reply()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                    RequestType.RECORD_CHECK, Duration.ofDays(7),
                    RequestType.CASE_VERIFICATION, Duration.ofDays(7),
                    RequestType.PARTY_STATEMENT, Duration.ofDays(15)));
            assertThat(properties.urgentReply()).isEqualTo(Duration.ofHours(8));
            assertThat(properties.inboundReply()).isEmpty();
            assertThat(properties.signFor()).isEqualTo(Duration.ofDays(1));
            assertThat(properties.holidayCalendar()).isNull();
            // no calendar: calendar days, and the hub's zone
            OffsetDateTime saturday = OffsetDateTime.parse("2026-10-03T10:00:00+08:00");
            assertThat(context.getBean(DeadlineCalculator.class)
                    .deadlinesFor(Direction.OUTBOUND, RequestType.RECORD_CHECK, Priority.ROUTINE, saturday).replyDue())
                    .isEqualTo(OffsetDateTime.parse("2026-10-10T10:00:00+08:00"));
        });
    }

    @Test
    void theShippedApplicationYamlBindsToTheDefaults() {
        runner.withPropertyValues(
                        "coophub.deadlines.reply.RECORD_CHECK=7d",
                        "coophub.deadlines.reply.CASE_VERIFICATION=7d",
                        "coophub.deadlines.reply.PARTY_STATEMENT=15d",
                        "coophub.deadlines.urgent-reply=8h",
                        "coophub.deadlines.sign-for=1d",
                        "coophub.deadlines.holiday-calendar=")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DeadlineProperties.class).holidayCalendar()).isNull();
                });
    }

    @Test
    void inboundOverridesAndRelaxedKeysBind() {
        runner.withPropertyValues("coophub.deadlines.inbound-reply.record-check=5d")
                .run(context -> assertThat(context.getBean(DeadlineProperties.class).inboundReply())
                        .containsEntry(RequestType.RECORD_CHECK, Duration.ofDays(5)));
    }

    @Test
    void aReplyMapThatLeavesOutATypeIsRefusedNamingTheMissingKey() {
        runner.withPropertyValues("coophub.deadlines.reply.RECORD_CHECK=5d",
                        "coophub.deadlines.reply.CASE_VERIFICATION=5d")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("coophub.deadlines.reply.PARTY_STATEMENT is missing"));
    }

    @Test
    void aZeroOrNegativeLimitIsRefusedNamingTheKey() {
        runner.withPropertyValues("coophub.deadlines.urgent-reply=0s")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("coophub.deadlines.urgent-reply must be a positive duration"));
        runner.withPropertyValues("coophub.deadlines.sign-for=-1h")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("coophub.deadlines.sign-for must be a positive duration"));
        runner.withPropertyValues("coophub.deadlines.inbound-reply.PARTY_STATEMENT=0d")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("coophub.deadlines.inbound-reply.PARTY_STATEMENT must be a positive"));
    }

    @Test
    void anUnknownRequestTypeIsRefusedNamingTheMap() {
        runner.withPropertyValues("coophub.deadlines.inbound-reply.RECORD_CHEK=5d")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("coophub.deadlines.inbound-reply"));
    }

    @Test
    void theConfiguredHolidayCalendarIsLoadedAtStartUp() {
        runner.withPropertyValues("coophub.deadlines.holiday-calendar=config/holidays-2026.yaml")
                .run(context -> assertThat(context.getBean(HolidayCalendar.class)
                        .isWorkingDay(java.time.LocalDate.parse("2026-10-01"))).isFalse());
    }

    @Test
    void aMissingHolidayCalendarFailsTheStartNamingTheFile() {
        runner.withPropertyValues("coophub.deadlines.holiday-calendar=config/no-such-holidays.yaml")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("config/no-such-holidays.yaml: cannot be read"));
    }

    @Test
    void theShippedConfigMentionsEveryKey() throws Exception {
        String config = java.nio.file.Files.readString(Path.of("config/application.yaml"));
        assertThat(config).contains("deadlines:", "reply:", "RECORD_CHECK: 7d", "CASE_VERIFICATION: 7d",
                "PARTY_STATEMENT: 15d", "urgent-reply: 8h", "inbound-reply: {}", "sign-for: 1d", "holiday-calendar:");
    }
}
