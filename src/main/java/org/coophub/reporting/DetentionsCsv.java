package org.coophub.reporting;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.JsonFields;

/**
 * A CSV file of detentions: UTF-8 (a byte order mark allowed, as Excel writes it), the header
 * {@code room,month,detentions}, then one line per room and month. Blank lines are skipped. Every broken rule is
 * reported with its line and column, and a file with any is refused whole.
 */
public final class DetentionsCsv {

    static final List<String> HEADER = List.of("room", "month", "detentions");
    static final String WHAT = "detentions file";

    private DetentionsCsv() {
    }

    /** @throws InvalidRequestException naming line, column and rule of every problem */
    public static List<DetentionFigure> parse(byte[] content) {
        String[] lines = JsonFields.decodeUtf8(content, WHAT).split("\r?\n", -1);
        List<FieldError> errors = new ArrayList<>();
        if (!isHeader(lines[0])) {
            errors.add(new FieldError("line 1", "header", "must be the header room,month,detentions, is: " + lines[0]));
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<DetentionFigure> figures = new ArrayList<>();
        for (int n = 2; n <= lines.length; n++) {
            String line = lines[n - 1];
            if (!line.isBlank()) {
                DetentionFigure figure = figure(n, line, errors);
                if (figure != null) {
                    Integer first = seen.putIfAbsent(figure.room() + "\n" + figure.month(), n);
                    if (first != null) {
                        errors.add(new FieldError("line " + n, "duplicate",
                                figure.room() + " " + figure.month() + " is already on line " + first));
                    }
                    figures.add(figure);
                }
            }
        }
        if (errors.isEmpty() && figures.isEmpty()) {
            errors.add(new FieldError(FieldError.DOCUMENT, "empty", "has no line after the header"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(WHAT, errors);
        }
        return figures;
    }

    private static boolean isHeader(String line) {
        return Arrays.stream(line.split(",", -1)).map(c -> c.strip().toLowerCase(Locale.ROOT)).toList().equals(HEADER);
    }

    private static DetentionFigure figure(int n, String line, List<FieldError> errors) {
        List<String> fields;
        try {
            fields = Csv.fields(line);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("line " + n, "csv", e.getMessage()));
            return null;
        }
        if (fields.size() != HEADER.size()) {
            errors.add(new FieldError("line " + n, "columns", "must have " + HEADER.size() + " columns (room,month,detentions), has "
                    + fields.size()));
            return null;
        }
        int before = errors.size();
        String room = ReportingRules.room(column(n, "room"), fields.get(0), errors);
        YearMonth month = ReportingRules.month(column(n, "month"), fields.get(1).strip(), errors);
        Integer detentions = detentions(column(n, "detentions"), fields.get(2).strip(), errors);
        return errors.size() == before ? new DetentionFigure(room, month, detentions) : null;
    }

    private static Integer detentions(String field, String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            errors.add(new FieldError(field, "required", "is required"));
            return null;
        }
        try {
            return ReportingRules.detentions(field, Long.parseLong(text), errors);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "integer", "must be a whole number: " + text));
            return null;
        }
    }

    private static String column(int line, String column) {
        return "line " + line + ", column " + column;
    }
}
