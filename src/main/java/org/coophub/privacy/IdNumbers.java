package org.coophub.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Citizen ID numbers (GB 11643): 6-digit region code, 8-digit birth date, 3-digit sequence and an
 * ISO 7064 MOD 11-2 check character.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    /** Shown for anything that is not 18 characters, so not even its length leaks. */
    private static final String FULLY_MASKED = "****";

    private IdNumbers() {
    }

    /**
     * Whether the number has 17 digits, a real birth date and the right check character. A lowercase
     * 'x' is accepted as the check character because hand-typed numbers often carry one and it
     * denotes the same value; callers should store {@link #normalize(String) normalized} numbers.
     */
    public static boolean isValid(String idNumber) {
        if (idNumber == null || idNumber.length() != 18) {
            return false;
        }
        String first17 = idNumber.substring(0, 17);
        return first17.chars().allMatch(IdNumbers::isAsciiDigit)
                && hasRealBirthDate(first17)
                && Character.toUpperCase(idNumber.charAt(17)) == checkCharacter(first17);
    }

    /** The number as it is stored and relayed: a lowercase check character 'x' becomes 'X'. */
    public static String normalize(String idNumber) {
        return idNumber == null || idNumber.length() != 18
                ? idNumber
                : idNumber.substring(0, 17) + Character.toUpperCase(idNumber.charAt(17));
    }

    /** The check character for the first 17 digits; public so tests and generators can build valid numbers. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17 || !first17.chars().allMatch(IdNumbers::isAsciiDigit)) {
            throw new IllegalArgumentException("expected 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /**
     * The form logs, alert emails and dashboards show: region code and the last four characters
     * (e.g. 110105********123X), so a liaison officer can still tell two people apart.
     */
    public static String mask(String idNumber) {
        if (idNumber == null || idNumber.length() != 18) {
            return FULLY_MASKED;
        }
        return idNumber.substring(0, 6) + "********" + idNumber.substring(14);
    }

    private static boolean hasRealBirthDate(String first17) {
        try {
            LocalDate.of(Integer.parseInt(first17.substring(6, 10)),
                    Integer.parseInt(first17.substring(10, 12)),
                    Integer.parseInt(first17.substring(12, 14)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
