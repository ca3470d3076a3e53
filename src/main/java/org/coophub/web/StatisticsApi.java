package org.coophub.web;

import java.util.ArrayList;
import java.util.List;
import org.coophub.intake.FieldError;
import org.coophub.reporting.Period;
import org.coophub.reporting.ReportCsv;
import org.coophub.reporting.ReportingRules;
import org.coophub.reporting.Statistics;
import org.coophub.reporting.StatisticsReport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Counts by type and direction for a period (local dates, both inclusive) against the same period a year earlier. */
@RestController
public class StatisticsApi {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final StatisticsReport report;

    public StatisticsApi(StatisticsReport report) {
        this.report = report;
    }

    @GetMapping(path = "/api/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    public Statistics statistics(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return report.report(period(from, to));
    }

    @GetMapping(path = "/api/stats.csv")
    public ResponseEntity<String> statisticsCsv(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Period period = period(from, to);
        return csv("coophub-stats-" + period.from() + "_" + period.to() + ".csv",
                ReportCsv.statistics(report.report(period)));
    }

    static ResponseEntity<String> csv(String fileName, String content) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(content);
    }

    private static Period period(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        Period period = ReportingRules.period(from, to, errors);
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return period;
    }
}
