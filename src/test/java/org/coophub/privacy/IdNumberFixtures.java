package org.coophub.privacy;

/** Builds valid ID numbers for tests, so no test carries a real person's number. */
public final class IdNumberFixtures {

    private IdNumberFixtures() {
    }

    /** @param region 6 digits, @param birthDate YYYYMMDD, @param sequence 3 digits */
    public static String valid(String region, String birthDate, String sequence) {
        String first17 = region + birthDate + sequence;
        return first17 + IdNumbers.checkCharacter(first17);
    }

    /** The same number with a check character that is certainly wrong. */
    public static String withWrongCheckCharacter(String valid) {
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        return valid.substring(0, 17) + wrong;
    }

    /** A valid number whose check character is X, for the cases that depend on it. */
    public static String endingInX() {
        for (int sequence = 0; sequence < 1000; sequence++) {
            String number = valid("110105", "19900307", String.format("%03d", sequence));
            if (number.endsWith("X")) {
                return number;
            }
        }
        throw new IllegalStateException("one in eleven sequences ends in X");
    }
}
