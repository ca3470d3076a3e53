package org.coophub.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.JsonFields;
import org.coophub.reporting.DetentionFigure;
import org.coophub.reporting.DetentionStore;
import org.coophub.reporting.MonthlyAssessment;
import org.coophub.reporting.ReportCsv;
import org.coophub.reporting.ReportingRules;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The monthly assessment of pre-trial rooms, and the detentions per room and month it is based on. */
@RestController
public class AssessmentApi {

    private static final String DETENTIONS = "detentions";
    // {"detentions": 2147483647} and some blanks; anything longer is not a detention figure
    private static final long MAX_BODY = 1024;

    private final MonthlyAssessment assessment;
    private final DetentionStore detentions;

    public AssessmentApi(MonthlyAssessment assessment, DetentionStore detentions) {
        this.assessment = assessment;
        this.detentions = detentions;
    }

    @GetMapping(path = "/api/assessment", produces = MediaType.APPLICATION_JSON_VALUE)
    public MonthlyAssessment.Report assessment(@RequestParam(required = false) String month) {
        return assessment.report(month(month));
    }

    @GetMapping(path = "/api/assessment.csv")
    public ResponseEntity<String> assessmentCsv(@RequestParam(required = false) String month) {
        YearMonth assessed = month(month);
        return StatisticsApi.csv("coophub-assessment-" + assessed + ".csv", ReportCsv.assessment(assessment.report(assessed)));
    }

    @GetMapping(path = "/api/assessment/detentions/{room}/{month}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<DetentionFigure> detentions(@PathVariable String room, @PathVariable String month) {
        List<FieldError> errors = new ArrayList<>();
        String assessedRoom = ReportingRules.room("room", room, errors);
        YearMonth assessedMonth = ReportingRules.month("month", month, errors);
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return ResponseEntity.of(detentions.find(assessedRoom, assessedMonth));
    }

    /** Sets the detentions of a room in a month, {@code {"detentions": 7}}; a figure set again replaces the earlier one. */
    @PutMapping(path = "/api/assessment/detentions/{room}/{month}", produces = MediaType.APPLICATION_JSON_VALUE)
    public DetentionFigure setDetentions(@PathVariable String room, @PathVariable String month,
            @RequestBody(required = false) byte[] body) {
        List<FieldError> errors = new ArrayList<>();
        String assessedRoom = ReportingRules.room("room", room, errors);
        YearMonth assessedMonth = ReportingRules.month("month", month, errors);
        Integer count = count(JsonFields.readDocument(body == null ? new byte[0] : body, MAX_BODY, DETENTIONS), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(DETENTIONS, errors);
        }
        DetentionFigure figure = new DetentionFigure(assessedRoom, assessedMonth, count);
        detentions.put(figure, "REST");
        return figure;
    }

    private static Integer count(JsonNode document, List<FieldError> errors) {
        JsonFields.rejectUnknownFields(document, Set.of(DETENTIONS), "", errors);
        JsonNode value = document.get(DETENTIONS);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(DETENTIONS, "required", "is required"));
            return null;
        }
        if (!value.isIntegralNumber()) {
            errors.add(new FieldError(DETENTIONS, "json-type", "must be a whole number, is " + value));
            return null;
        }
        // beyond a long it is over any limit anyway
        return ReportingRules.detentions(DETENTIONS, value.canConvertToLong() ? value.asLong() : Long.MAX_VALUE, errors);
    }

    private static YearMonth month(String month) {
        List<FieldError> errors = new ArrayList<>();
        YearMonth assessed = ReportingRules.month("month", month, errors);
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return assessed;
    }
}
