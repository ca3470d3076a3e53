package org.coophub.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class GrowthTest {

    @Test
    void theSourcesFigures() {
        assertThat(Growth.percent(11_965, 2_386)).isEqualTo(new BigDecimal("401.5"));
        assertThat(Growth.percent(1_151, 630)).isEqualTo(new BigDecimal("82.7"));
    }

    @Test
    void roundsHalfUpToOneDecimal() {
        assertThat(Growth.percent(1_001, 2_000)).isEqualTo(new BigDecimal("-50.0")); // -49.95
        assertThat(Growth.percent(2_001, 2_000)).isEqualTo(new BigDecimal("0.1")); // 0.05
        assertThat(Growth.percent(3, 3)).isEqualTo(new BigDecimal("0.0"));
        assertThat(Growth.percent(0, 7)).isEqualTo(new BigDecimal("-100.0"));
    }

    @Test
    void nothingBeforeHasNoGrowth() {
        assertThat(Growth.percent(5, 0)).isNull();
        assertThat(Growth.percent(0, 0)).isNull();
    }
}
