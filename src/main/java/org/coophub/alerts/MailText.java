package org.coophub.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.coophub.privacy.PersonalData;
import org.springframework.web.util.HtmlUtils;

/**
 * Makes data safe to put in an email. Every value from a request passes through here: emails leave the platforms'
 * protection, so personal data is masked, and a value must not be able to forge a header or a line of its own.
 */
final class MailText {

    /** With the offset beside it: a mail may be read far from the hub, or forwarded. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'xxx");

    private MailText() {
    }

    /** A value shown on one line (and in the subject): masked, with every control or line-breaking character a space. */
    static String line(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        PersonalData.maskText(value).codePoints().forEach(c -> {
            if (isUnsafe(c)) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static String html(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }

    /** A moment in the bureau's zone (coophub.zone), e.g. "2026-03-03 09:00 UTC+08:00". */
    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    /**
     * Control characters (CR and LF would start a new header), Unicode line and paragraph separators, and format
     * characters such as bidi overrides, which could make a subject read differently from what it says.
     */
    private static boolean isUnsafe(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
