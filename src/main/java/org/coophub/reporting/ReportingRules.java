package org.coophub.reporting;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.coophub.intake.FieldError;
import org.coophub.intake.JsonFields;
import org.coophub.intake.RequestParser;

/**
 * The rules of the values statistics and the assessment take, whichever way they come (query, REST body, CSV
 * file). Each check records a {@link FieldError} and returns null, so that one refusal lists every problem.
 */
public final class ReportingRules {

    // the strict forms only: "2026-3" or "2026-03-01" would be read differently by different people
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private ReportingRules() {
    }

    public static LocalDate date(String field, String value, List<FieldError> errors) {
        if (isBlank(field, value, errors)) {
            return null;
        }
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // falls through to the same error as a malformed date
        }
        errors.add(new FieldError(field, "date", "must be a date yyyy-MM-dd, e.g. 2011-06-30: " + value));
        return null;
    }

    /** A period from its two ends, both inclusive; {@code to} may not come before {@code from}. */
    public static Period period(String from, String to, List<FieldError> errors) {
        LocalDate start = date("from", from, errors);
        LocalDate end = date("to", to, errors);
        if (start == null || end == null) {
            return null;
        }
        if (end.isBefore(start)) {
            errors.add(new FieldError("to", "order", "must not come before from (" + start + "): " + end));
            return null;
        }
        return new Period(start, end);
    }

    public static YearMonth month(String field, String value, List<FieldError> errors) {
        if (isBlank(field, value, errors)) {
            return null;
        }
        try {
            if (MONTH.matcher(value).matches()) {
                return YearMonth.parse(value);
            }
        } catch (DateTimeParseException e) {
            // falls through to the same error as a malformed month
        }
        errors.add(new FieldError(field, "month", "must be a month yyyy-MM, e.g. 2026-03: " + value));
        return null;
    }

    /**
     * The room as stored: without surrounding blanks, so that "预审一室 " and "预审一室" are one room. Checked as a
     * request's requestingRoom is (characters, and length in code points); the characters before stripping, since
     * strip() also removes some control characters that would otherwise vanish unnoticed.
     */
    public static String room(String field, String value, List<FieldError> errors) {
        if (isBlank(field, value, errors)) {
            return null;
        }
        if (!JsonFields.hasStorableCharacters(value, field, errors)) {
            return null;
        }
        String room = value.strip();
        int before = errors.size();
        JsonFields.checkLength(room, field, RequestParser.MAX_ROOM, errors);
        return errors.size() == before ? room : null;
    }

    public static Integer detentions(String field, long value, List<FieldError> errors) {
        if (value < 0) {
            errors.add(new FieldError(field, "min", "must not be negative: " + value));
            return null;
        }
        if (value > Integer.MAX_VALUE) {
            errors.add(new FieldError(field, "max", "must be at most " + Integer.MAX_VALUE + ": " + value));
            return null;
        }
        return (int) value;
    }

    private static boolean isBlank(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required", "is required"));
            return true;
        }
        return false;
    }
}
