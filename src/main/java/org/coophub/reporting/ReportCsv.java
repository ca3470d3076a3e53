package org.coophub.reporting;

import java.math.BigDecimal;

/** The reports as CSV files for Excel: a byte order mark, a header line, then the lines of the report. */
public final class ReportCsv {

    private ReportCsv() {
    }

    /** One line per direction and type, then that direction's total; growth "n/a" when the earlier count is 0. */
    public static String statistics(Statistics statistics) {
        StringBuilder csv = new StringBuilder(Csv.UTF8_BOM).append(Csv.line("direction", "方向", "type", "类型",
                "count " + span(statistics.period()), "count " + span(statistics.earlierPeriod()), "growth %"));
        section(csv, "published", "发布", statistics.published());
        section(csv, "received and replied", "接收并回复", statistics.receivedAndReplied());
        return csv.toString();
    }

    public static String assessment(MonthlyAssessment.Report report) {
        StringBuilder csv = new StringBuilder(Csv.UTF8_BOM).append(Csv.line("room 预审室", "month 月份", "detentions 刑拘数",
                "publications 发布数", "required 应发布数", "difference 差额", "score 得分"));
        for (MonthlyAssessment.Room room : report.rooms()) {
            csv.append(Csv.line(room.room(), report.month(), room.detentions(), room.publications(), room.required(),
                    room.difference(), room.score()));
        }
        return csv.toString();
    }

    private static void section(StringBuilder csv, String direction, String directionZh, Statistics.Section section) {
        for (Statistics.Line line : section.byType()) {
            csv.append(line(direction, directionZh, line));
        }
        csv.append(line(direction, directionZh, section.total()));
    }

    private static String line(String direction, String directionZh, Statistics.Line line) {
        BigDecimal growth = line.growthPercent();
        return Csv.line(direction, directionZh, line.type(), line.name(), line.count(), line.earlier(),
                growth == null ? "n/a" : growth.toPlainString());
    }

    private static String span(Period period) {
        return period.from() + ".." + period.to();
    }
}
