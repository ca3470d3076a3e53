package org.coophub.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.coophub.intake.FieldError;
import org.junit.jupiter.api.Test;

class ReportingRulesTest {

    @Test
    void aPeriodNeedsTwoDatesInOrder() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(ReportingRules.period("2011-01-01", "2011-06-30", errors))
                .isEqualTo(new Period(LocalDate.of(2011, 1, 1), LocalDate.of(2011, 6, 30)));
        assertThat(errors).isEmpty();

        assertThat(ReportingRules.period(null, "2011-02-30", errors)).isNull();
        assertThat(errors).extracting(FieldError::field, FieldError::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("from", "required"), org.assertj.core.groups.Tuple.tuple("to", "date"));

        errors.clear();
        ReportingRules.period("2011-06-30", "2011-01-01", errors);
        assertThat(errors).extracting(FieldError::field, FieldError::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("to", "order"));
    }

    @Test
    void monthsAreStrictlyYearDashMonth() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(ReportingRules.month("month", "2026-03", errors)).hasToString("2026-03");
        ReportingRules.month("month", "2026-3", errors);
        ReportingRules.month("month", "2026-13", errors);
        assertThat(errors).extracting(FieldError::rule).containsExactly("month", "month");
    }

    @Test
    void aPeriodAYearEarlierKeepsItsDays() {
        Period leap = new Period(LocalDate.of(2012, 2, 1), LocalDate.of(2012, 2, 29));
        assertThat(leap.yearEarlier()).isEqualTo(new Period(LocalDate.of(2011, 2, 1), LocalDate.of(2011, 2, 28)));
        Period midFebruary = new Period(LocalDate.of(2025, 2, 10), LocalDate.of(2025, 2, 20));
        assertThat(midFebruary.yearEarlier())
                .isEqualTo(new Period(LocalDate.of(2024, 2, 10), LocalDate.of(2024, 2, 20)));
    }

    @Test
    void aPeriodEndingAMonthAYearEarlierEndsThatMonthToo() {
        assertThat(new Period(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 28)).yearEarlier())
                .isEqualTo(new Period(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
        assertThat(new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28)).yearEarlier())
                .isEqualTo(new Period(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29)));
        assertThat(new Period(LocalDate.of(2011, 1, 1), LocalDate.of(2011, 6, 30)).yearEarlier())
                .isEqualTo(new Period(LocalDate.of(2010, 1, 1), LocalDate.of(2010, 6, 30)));
    }

    @Test
    void aPeriodOfDaysNotWholeMonthsIsComparedDayForDay() {
        assertThat(new Period(LocalDate.of(2025, 2, 28), LocalDate.of(2025, 2, 28)).yearEarlier())
                .isEqualTo(new Period(LocalDate.of(2024, 2, 28), LocalDate.of(2024, 2, 28)));
        assertThat(new Period(LocalDate.of(2025, 2, 15), LocalDate.of(2025, 2, 28)).yearEarlier())
                .isEqualTo(new Period(LocalDate.of(2024, 2, 15), LocalDate.of(2024, 2, 28)));
    }

    @Test
    void detentionsAreNotNegative() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(ReportingRules.detentions("detentions", 0, errors)).isZero();
        assertThat(ReportingRules.detentions("detentions", -1, errors)).isNull();
        assertThat(errors).extracting(FieldError::rule).containsExactly("min");
    }

    @Test
    void aRoomIsCheckedAsARequestingRoomIs() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(ReportingRules.room("room", " 预审一室 ", errors)).isEqualTo("预审一室");
        // 100 characters outside the basic plane are 200 UTF-16 units, and still 100 characters
        assertThat(ReportingRules.room("room", "𠀀".repeat(100), errors)).hasSize(200);
        assertThat(errors).isEmpty();

        assertThat(ReportingRules.room("room", "预审\u0000一室", errors)).isNull();
        // strip() would silently drop it
        assertThat(ReportingRules.room("room", "预审一室\u001f", errors)).isNull();
        assertThat(ReportingRules.room("room", "预审\ud800一室", errors)).isNull();
        assertThat(ReportingRules.room("room", "𠀀".repeat(101), errors)).isNull();
        assertThat(errors).extracting(FieldError::rule).containsExactly("characters", "characters", "characters",
                "length");
        assertThat(errors.get(0).message()).contains("U+0000");
        assertThat(errors.get(3).message()).endsWith("is 101");
    }
}
