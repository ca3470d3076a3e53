package org.coophub.privacy;

import java.util.regex.Pattern;

/** Keeps personal data out of log lines and error messages, which leave the platforms' protection. */
public final class PersonalData {

    /**
     * 17 digits and a digit or X, not part of a longer digit run: anything that might be an ID number
     * is masked, whether or not its check character is right, since a mistyped number is still
     * someone's number. Full-width digits and X count too: Chinese input methods often type them.
     */
    private static final Pattern ID_NUMBER_LIKE =
            Pattern.compile("(?<![0-9０-９])[0-9０-９]{17}[0-9０-９XxＸｘ](?![0-9０-９])");

    private static final char FULL_WIDTH_OFFSET = '０' - '0';

    private PersonalData() {
    }

    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        return ID_NUMBER_LIKE.matcher(text).replaceAll(m -> IdNumbers.mask(halfWidth(m.group())));
    }

    /** The number in ASCII, so that a masked number reads the same however it was typed. */
    private static String halfWidth(String number) {
        StringBuilder ascii = new StringBuilder(number.length());
        for (char c : number.toCharArray()) {
            ascii.append(c >= '０' && c <= '９' || c == 'Ｘ' || c == 'ｘ' ? (char) (c - FULL_WIDTH_OFFSET) : c);
        }
        return ascii.toString();
    }
}
