package org.coophub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumbersTest {

    @Test
    void computesTheCheckCharacterOfTheStandardsExample() {
        // The worked example of GB 11643-1999.
        assertThat(IdNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdNumbers.isValid("11010519491231002X")).isTrue();
    }

    @Test
    void acceptsNumbersBuiltWithTheirCheckCharacter() {
        for (int sequence = 0; sequence < 50; sequence++) {
            String number = IdNumberFixtures.valid("310104", "19800229", String.format("%03d", sequence));
            assertThat(IdNumbers.isValid(number)).as(number).isTrue();
        }
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        String valid = IdNumberFixtures.valid("110105", "19900307", "123");
        assertThat(IdNumbers.isValid(IdNumberFixtures.withWrongCheckCharacter(valid))).isFalse();
    }

    @Test
    void acceptsLowercaseXAsTheCheckCharacterAndNormalizesIt() {
        String upper = IdNumberFixtures.endingInX();
        String lower = upper.substring(0, 17) + "x";

        assertThat(IdNumbers.isValid(lower)).isTrue();
        assertThat(IdNumbers.normalize(lower)).isEqualTo(upper);
        assertThat(IdNumbers.normalize(upper)).isEqualTo(upper);
    }

    @Test
    void rejectsXWhereTheCheckCharacterIsADigit() {
        String valid = IdNumberFixtures.valid("110105", "19900307", "124");
        String withX = valid.substring(0, 17) + (valid.endsWith("X") ? "0" : "X");
        assertThat(IdNumbers.isValid(withX)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"19900230", "19901301", "19900001", "19000229", "19900431"})
    void rejectsBirthDatesThatAreNotOnTheCalendar(String birthDate) {
        assertThat(IdNumbers.isValid(IdNumberFixtures.valid("110105", birthDate, "123"))).isFalse();
    }

    @Test
    void acceptsTheLeapDayOfALeapYear() {
        assertThat(IdNumbers.isValid(IdNumberFixtures.valid("110105", "20000229", "123"))).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"11010519491231002", "11010519491231002X0", "1101051949123100AX", "11010519491231002Y",
            "１１０１０５１９４９１２３１００２X"})
    void rejectsWhatIsNot17DigitsAndACheckCharacter(String idNumber) {
        assertThat(IdNumbers.isValid(idNumber)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1101051949123100", "110105194912310021", "1101051949123100A"})
    void checkCharacterNeedsExactly17Digits(String notFirst17) {
        assertThatIllegalArgumentException().isThrownBy(() -> IdNumbers.checkCharacter(notFirst17));
    }

    @Test
    void masksAllButRegionAndLastFour() {
        assertThat(IdNumbers.mask("11010519491231002X")).isEqualTo("110105********002X");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1", "11010519491231002", "11010519491231002X1"})
    void masksAnythingElseEntirely(String notAnIdNumber) {
        assertThat(IdNumbers.mask(notAnIdNumber)).isEqualTo("****");
    }
}
