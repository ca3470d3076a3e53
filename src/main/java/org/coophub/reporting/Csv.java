package org.coophub.reporting;

import java.util.ArrayList;
import java.util.List;

/** CSV as Excel reads it (RFC 4180): comma-separated, CRLF line ends, fields quoted when they need it. */
public final class Csv {

    /** Excel takes a CSV file without it for the local ANSI code page, which garbles Chinese. */
    public static final String UTF8_BOM = "\uFEFF";

    private Csv() {
    }

    /** One line, CRLF included. */
    public static String line(Object... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quoted(cells[i] == null ? "" : cells[i].toString()));
        }
        return line.append("\r\n").toString();
    }

    /**
     * The fields of one line; a quoted field may hold commas and doubled quotes (not line breaks: one record is one
     * line, so that errors can name it).
     *
     * @throws IllegalArgumentException for an unclosed quote or text after a closing quote
     */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i = quotedField(line, i + 1, field);
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after a closing quote at character " + (i + 1));
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }

    private static int quotedField(String line, int from, StringBuilder field) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '"') {
                field.append(c);
            } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("a quote opened at character " + from + " is not closed");
    }

    // Cells starting with = + - @ are formulas to Excel; room names come from outside, so they are quoted with a
    // leading apostrophe rather than run. Numbers (also negative ones) stay numbers.
    private static String quoted(String cell) {
        String text = cell;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
