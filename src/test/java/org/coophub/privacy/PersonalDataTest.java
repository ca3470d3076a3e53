package org.coophub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private final String id = IdNumberFixtures.valid("110105", "19900307", "123");
    private final String masked = IdNumbers.mask(id);

    @Test
    void masksEveryIdNumberInText() {
        String other = IdNumberFixtures.valid("310104", "19851111", "456");

        assertThat(PersonalData.maskText("subjects " + id + " and " + other + "."))
                .isEqualTo("subjects " + masked + " and " + IdNumbers.mask(other) + ".");
    }

    @Test
    void masksNumbersWithAWrongCheckCharacterToo() {
        String wrong = IdNumberFixtures.withWrongCheckCharacter(id);
        assertThat(PersonalData.maskText("bad: " + wrong)).isEqualTo("bad: " + IdNumbers.mask(wrong));
    }

    @Test
    void masksNumbersEndingInEitherCaseOfX() {
        String x = IdNumberFixtures.endingInX();
        String lower = x.substring(0, 17) + "x";

        assertThat(PersonalData.maskText(x)).isEqualTo(IdNumbers.mask(x));
        assertThat(PersonalData.maskText(lower)).isEqualTo(IdNumbers.mask(lower)).doesNotContain(lower);
    }

    @Test
    void masksNumbersTypedWithFullWidthDigitsShowingThemInAscii() {
        String x = IdNumberFixtures.endingInX();
        String fullWidthX = fullWidth(x);
        String mixed = fullWidth(id.substring(0, 9)) + id.substring(9);

        assertThat(PersonalData.maskText("张三 " + fullWidth(id) + "，李四 " + fullWidthX + "。"))
                .isEqualTo("张三 " + masked + "，李四 " + IdNumbers.mask(x) + "。");
        assertThat(PersonalData.maskText(fullWidth(x.substring(0, 17)) + "ｘ"))
                .isEqualTo(IdNumbers.mask(x.substring(0, 17) + "x"));
        assertThat(PersonalData.maskText(mixed)).isEqualTo(masked);
        assertThat(PersonalData.maskText("账号 " + fullWidth(id) + "１")).contains(fullWidth(id) + "１");
    }

    private static String fullWidth(String ascii) {
        StringBuilder out = new StringBuilder();
        ascii.chars().forEach(c -> out.append((char) (c + ('０' - '0'))));
        return out.toString();
    }

    @Test
    void masksNumbersGluedToLettersOrQuotes() {
        assertThat(PersonalData.maskText("id='" + id + "'abc")).isEqualTo("id='" + masked + "'abc");
        assertThat(PersonalData.maskText("ID" + id)).isEqualTo("ID" + masked);
    }

    @Test
    void leavesShorterAndLongerDigitRunsAlone() {
        String text = "case 2011-0042, phone 13800138000, account 1234567890123456789";
        assertThat(PersonalData.maskText(text)).isEqualTo(text);
    }

    @Test
    void passesNullThrough() {
        assertThat(PersonalData.maskText(null)).isNull();
    }
}
