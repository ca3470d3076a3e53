package org.coophub.reporting;

import java.time.YearMonth;

/** Criminal detentions (刑拘数) of one pre-trial room in one month. */
public record DetentionFigure(String room, YearMonth month, int detentions) {
}
