package org.coophub.intake;

import java.util.Locale;

/**
 * Characters that a JSON escape can smuggle into a text but that cannot be kept as they are: U+0000, which
 * PostgreSQL refuses to store (H2 takes it, so it would fail only in production); a lone UTF-16 surrogate, which
 * UTF-8 cannot encode, so writers turn it into '?' or throw; and the other control characters, which break the
 * lines of reports, logs and mails downstream.
 */
public final class StorableText {

    private StorableText() {
    }

    /**
     * Why a submitted text cannot be stored as it is, or null if it can. Tab, line feed and carriage return are
     * ordinary text in a value.
     */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (startsPair(text, i)) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode: a lone surrogate (U+" + hex(c) + ") at character " + (i + 1);
            } else if (isControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain the control character U+" + hex(c) + " (at character " + (i + 1) + ")";
            }
        }
        return null;
    }

    /**
     * The text on one storable line: every control character and lone surrogate written as {@code \\uXXXX}. For what
     * coophub itself writes about a submission (a field name taken from a JSON key, an error message quoting it).
     */
    public static String escaped(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean keep = startsPair(text, i) || (i > 0 && startsPair(text, i - 1))
                    || (!Character.isSurrogate(c) && !isControl(c));
            if (!keep && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(keep ? String.valueOf(c) : "\\u" + hex(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean startsPair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    // C0, DEL and C1 (U+0085 is a line break to some readers)
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    private static String hex(char c) {
        return String.format(Locale.ROOT, "%04X", (int) c);
    }

    /** At most {@code max} UTF-16 units, ending in "…" when cut; never cuts a surrogate pair in half. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max - 1)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }
}
