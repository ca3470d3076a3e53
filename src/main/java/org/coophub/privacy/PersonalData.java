package org.coophub.privacy;

import java.util.regex.Pattern;

/** Keeps personal data out of log lines and error messages, which leave the platforms' protection. */
public final class PersonalData {

    /**
     * 17 digits and a digit or X, not part of a longer digit run: anything that might be an ID number
     * is masked, whether or not its check character is right, since a mistyped number is still
     * someone's number.
     */
    private static final Pattern ID_NUMBER_LIKE = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");

    private PersonalData() {
    }

    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        return ID_NUMBER_LIKE.matcher(text).replaceAll(m -> IdNumbers.mask(m.group()));
    }
}
