package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatenessTest {

    private static final Instant DUE = Instant.parse("2026-03-03T01:00:00Z");

    @ParameterizedTest(name = "{0} after the deadline: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            P2DT3H       | 超期2天3小时     | 2 days 3 hours late
            P2DT3H59M59S | 超期2天3小时     | 2 days 3 hours late
            P1D          | 超期1天          | 1 day late
            PT1H1M       | 超期1小时1分钟   | 1 hour 1 minute late
            PT5H         | 超期5小时        | 5 hours late
            PT2M         | 超期2分钟        | 2 minutes late
            PT30S        | 超期不到1分钟    | less than a minute late
            PT0S         | 超期不到1分钟    | less than a minute late
            -PT5H        | 剩余5小时        | due in 5 hours
            -PT45M30S    | 剩余45分钟       | due in 45 minutes
            -P1DT1M      | 剩余1天          | due in 1 day
            -PT10S       | 剩余不到1分钟    | due in less than a minute
            """)
    void latenessIsSaidInBothLanguages(Duration late, String zh, String en) {
        Lateness lateness = Lateness.of(DUE, DUE.plus(late));

        assertThat(lateness.zh()).isEqualTo(zh);
        assertThat(lateness.en()).isEqualTo(en);
        assertThat(lateness.both()).isEqualTo(zh + " " + en);
    }
}
