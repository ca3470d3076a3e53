package org.coophub.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Growth against the same period a year earlier, as the source reports it: (now − before) / before × 100, one decimal. */
public final class Growth {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Growth() {
    }

    /**
     * @return the growth in percent, rounded half-up to one decimal; {@code null} when there was nothing before,
     *         because growth from zero has no meaningful percentage
     */
    public static BigDecimal percent(long now, long before) {
        if (before == 0) {
            return null;
        }
        return BigDecimal.valueOf(now - before).multiply(HUNDRED).divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP);
    }
}
