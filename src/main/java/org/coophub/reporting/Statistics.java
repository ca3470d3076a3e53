package org.coophub.reporting;

import java.math.BigDecimal;
import java.util.List;

/**
 * Counts by type and direction for a period and the same period a year earlier.
 *
 * @param published          OUTBOUND requests accepted in the period, in any state
 * @param receivedAndReplied INBOUND requests received in the period that we have replied to (ANSWERED or CLOSED)
 */
public record Statistics(Period period, Period earlierPeriod, Section published, Section receivedAndReplied) {

    /** One direction: a line per request type, then the total. */
    public record Section(List<Line> byType, Line total) {
    }

    /**
     * @param type          the request type, or {@link #TOTAL}
     * @param name          its Chinese name, as the source's reports use
     * @param growthPercent (count − earlier) / earlier × 100, one decimal; null when earlier is 0
     */
    public record Line(String type, String name, long count, long earlier, BigDecimal growthPercent) {

        public static final String TOTAL = "TOTAL";

        static Line of(String type, String name, long count, long earlier) {
            return new Line(type, name, count, earlier, Growth.percent(count, earlier));
        }
    }
}
