package org.coophub.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class LatenessTest {

    private static final OffsetDateTime DUE = OffsetDateTime.parse("2026-03-09T09:30:00+08:00");

    @Test
    void beforeOrExactlyAtTheDeadlineIsOnTime() {
        for (OffsetDateTime at : new OffsetDateTime[] {DUE.minusDays(1), DUE}) {
            Lateness lateness = Lateness.of(DUE, at);
            assertThat(lateness.onTime()).isTrue();
            assertThat(lateness.late()).isZero();
            assertThat(lateness.describeZh()).isEqualTo("按时");
            assertThat(lateness.describeEn()).isEqualTo("on time");
        }
    }

    @Test
    void daysAndHours() {
        Lateness lateness = Lateness.of(DUE, DUE.plusDays(2).plusHours(3).plusMinutes(20));
        assertThat(lateness.onTime()).isFalse();
        assertThat(lateness.late()).isEqualTo(Duration.ofMinutes((2 * 24 + 3) * 60 + 20));
        assertThat(lateness.describeZh()).isEqualTo("2天3小时");
        assertThat(lateness.describeEn()).isEqualTo("2 days 3 hours");
    }

    @Test
    void singularsAndWholeUnits() {
        assertThat(Lateness.of(DUE, DUE.plusDays(1)).describeEn()).isEqualTo("1 day");
        assertThat(Lateness.of(DUE, DUE.plusDays(1).plusHours(1)).describeEn()).isEqualTo("1 day 1 hour");
        assertThat(Lateness.of(DUE, DUE.plusHours(5)).describeZh()).isEqualTo("5小时");
        assertThat(Lateness.of(DUE, DUE.plusMinutes(1)).describeEn()).isEqualTo("1 minute");
    }

    @Test
    void hoursAndMinutesUnderADay() {
        Lateness lateness = Lateness.of(DUE, DUE.plusHours(5).plusMinutes(12));
        assertThat(lateness.describeZh()).isEqualTo("5小时12分钟");
        assertThat(lateness.describeEn()).isEqualTo("5 hours 12 minutes");
    }

    @Test
    void minutesUnderAnHourAndNeverZeroMinutesWhenLate() {
        assertThat(Lateness.of(DUE, DUE.plusMinutes(40)).describeZh()).isEqualTo("40分钟");
        assertThat(Lateness.of(DUE, DUE.plusMinutes(40)).describeEn()).isEqualTo("40 minutes");
        Lateness seconds = Lateness.of(DUE, DUE.plusSeconds(5));
        assertThat(seconds.onTime()).isFalse();
        assertThat(seconds.describeEn()).isEqualTo("1 minute");
    }

    @Test
    void offsetsDoNotMatter() {
        Lateness lateness = Lateness.of(DUE, OffsetDateTime.parse("2026-03-09T03:30:00+01:00"));
        assertThat(lateness.late()).isEqualTo(Duration.ofHours(1));
    }
}
