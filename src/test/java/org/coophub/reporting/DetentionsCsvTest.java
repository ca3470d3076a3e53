package org.coophub.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.junit.jupiter.api.Test;

class DetentionsCsvTest {

    @Test
    void readsEveryLineAfterTheHeaderWithOrWithoutBom() {
        String text = "room,month,detentions\r\n预审一室,2026-03,7\r\n\"预审二室, 东\",2026-03, 0 \r\n\r\n";
        assertThat(DetentionsCsv.parse(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8))).containsExactly(
                new DetentionFigure("预审一室", YearMonth.of(2026, 3), 7),
                new DetentionFigure("预审二室, 东", YearMonth.of(2026, 3), 0));
        assertThat(DetentionsCsv.parse(text.getBytes(StandardCharsets.UTF_8))).hasSize(2);
    }

    @Test
    void namesLineColumnAndRuleOfEveryProblem() {
        String text = "room,month,detentions\n预审一室,2026-3,7\n预审二室,2026-03,-1\n,2026-03,x\n预审三室,2026-03\n"
                + "预审一室,2026-04,1\n预审一室,2026-04,2\n";
        InvalidRequestException refusal = refused(text.getBytes(StandardCharsets.UTF_8));

        assertThat(refusal.errors()).extracting(FieldError::field, FieldError::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("line 2, column month", "month"),
                org.assertj.core.groups.Tuple.tuple("line 3, column detentions", "min"),
                org.assertj.core.groups.Tuple.tuple("line 4, column room", "required"),
                org.assertj.core.groups.Tuple.tuple("line 4, column detentions", "integer"),
                org.assertj.core.groups.Tuple.tuple("line 5", "columns"),
                org.assertj.core.groups.Tuple.tuple("line 7", "duplicate"));
        assertThat(refusal.getMessage()).startsWith("invalid detentions file, 6 errors:")
                .contains("line 3, column detentions: must not be negative: -1 [min]");
    }

    @Test
    void refusesAWrongHeaderAnEmptyFileAndGbk() {
        assertThat(refused("month,room,detentions\n预审一室,2026-03,7\n".getBytes(StandardCharsets.UTF_8)).errors())
                .extracting(FieldError::rule).containsExactly("header");
        assertThat(refused("room,month,detentions\n".getBytes(StandardCharsets.UTF_8)).errors())
                .extracting(FieldError::rule).containsExactly("empty");
        assertThat(refused("room,month,detentions\n预审一室,2026-03,7\n".getBytes(Charset.forName("GBK"))).errors())
                .extracting(FieldError::rule).containsExactly("utf-8");
    }

    /** PostgreSQL cannot store U+0000: the insert failed and the file went to .error/ without a reason. */
    @Test
    void refusesARoomWithAControlCharacter() {
        InvalidRequestException refusal = refused("room,month,detentions\n预审\u0000一室,2026-03,7\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(refusal.errors()).extracting(FieldError::field, FieldError::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("line 2, column room", "characters"));
    }

    private static InvalidRequestException refused(byte[] content) {
        return catchThrowableOfType(InvalidRequestException.class, () -> DetentionsCsv.parse(content));
    }
}
