package org.coophub.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coophub.alerts.Labels;
import org.coophub.intake.FieldError;
import org.coophub.ledger.Direction;
import org.coophub.reporting.MonthlyAssessment;
import org.coophub.reporting.MonthlyCounts;
import org.coophub.reporting.Period;
import org.coophub.reporting.ReportingRules;
import org.coophub.reporting.StatisticsReport;
import org.coophub.request.RequestType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Statistics with charts of the last twelve months, and the monthly assessment of pre-trial rooms. */
@Controller
@Hidden // pages for people, not part of the REST API's OpenAPI document
public class ReportPages {

    static final int MONTHS = 12;

    private final MonthlyCounts monthly;
    private final StatisticsReport statistics;
    private final MonthlyAssessment assessment;
    private final Clock clock;
    private final ZoneId zone;

    public ReportPages(MonthlyCounts monthly, StatisticsReport statistics, MonthlyAssessment assessment, Clock clock,
            @Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        this.monthly = monthly;
        this.statistics = statistics;
        this.assessment = assessment;
        this.clock = clock;
        this.zone = zone;
    }

    /** What the charts draw: months on the x axis, a series per direction and type, the on-time rate per month. */
    public record Series(String name, String stack, List<Long> data) {
    }

    public record Charts(List<String> months, List<Series> requests, List<BigDecimal> onTimePercent,
            List<Long> onTime, List<Long> withDeadline) {
    }

    @GetMapping("/stats")
    public String stats(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Model model) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String fromText = from == null || from.isBlank() ? today.withDayOfYear(1).toString() : from.strip();
        String toText = to == null || to.isBlank() ? today.toString() : to.strip();
        List<FieldError> errors = new ArrayList<>();
        Period period = ReportingRules.period(fromText, toText, errors);
        model.addAttribute("from", fromText);
        model.addAttribute("to", toText);
        model.addAttribute("errors", errors);
        model.addAttribute("statistics", period == null ? null : statistics.report(period));
        model.addAttribute("charts", charts(YearMonth.from(today)));
        return "stats";
    }

    private Charts charts(YearMonth last) {
        YearMonth first = last.minusMonths(MONTHS - 1);
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        var start = first.atDay(1).atStartOfDay(zone).toOffsetDateTime();
        var end = last.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime();

        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Direction direction : Direction.values()) {
            for (RequestType type : RequestType.values()) {
                counts.put(direction + "/" + type, new long[MONTHS]);
            }
        }
        for (MonthlyCounts.MonthCount count : monthly.countsByMonth(start, end, zone)) {
            counts.get(count.direction() + "/" + count.type())[months.indexOf(count.month())] += count.count();
        }
        List<Series> series = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            for (RequestType type : RequestType.values()) {
                String directionName = direction == Direction.OUTBOUND ? "发出 outbound" : "来函 inbound";
                series.add(new Series(directionName + " · " + Labels.zh(type), directionName,
                        java.util.Arrays.stream(counts.get(direction + "/" + type)).boxed().toList()));
            }
        }
        long[] onTime = new long[MONTHS];
        long[] withDeadline = new long[MONTHS];
        for (MonthlyCounts.MonthTimeliness month : monthly.onTimeByMonth(start, end, zone)) {
            int i = months.indexOf(month.month());
            onTime[i] = month.onTime();
            withDeadline[i] = month.withDeadline();
        }
        List<BigDecimal> percent = new ArrayList<>();
        for (int i = 0; i < MONTHS; i++) {
            percent.add(withDeadline[i] == 0 ? null : BigDecimal.valueOf(onTime[i] * 100)
                    .divide(BigDecimal.valueOf(withDeadline[i]), 1, RoundingMode.HALF_UP));
        }
        return new Charts(months.stream().map(YearMonth::toString).toList(), series, percent,
                java.util.Arrays.stream(onTime).boxed().toList(), java.util.Arrays.stream(withDeadline).boxed().toList());
    }

    @GetMapping("/assessment")
    public String assessment(@RequestParam(required = false) String month, Model model) {
        String monthText = month == null || month.isBlank() ? YearMonth.now(clock.withZone(zone)).toString() : month.strip();
        List<FieldError> errors = new ArrayList<>();
        YearMonth assessed = ReportingRules.month("month", monthText, errors);
        model.addAttribute("month", monthText);
        model.addAttribute("errors", errors);
        model.addAttribute("report", assessed == null ? null : assessment.report(assessed));
        return "assessment";
    }
}
