package org.coophub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProvincesTest {

    @ParameterizedTest
    @ValueSource(strings = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
            "81", "82"})
    void knowsEveryProvinceOfDomainMd(String prefix) {
        assertThat(Provinces.isProvince(prefix)).isTrue();
        assertThat(Provinces.name(prefix)).isNotBlank();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"00", "10", "16", "20", "47", "55", "66", "72", "80", "83", "99", "1", "110", "1a"})
    void nothingElseIsAProvince(String prefix) {
        assertThat(Provinces.isProvince(prefix)).isFalse();
    }

    @Test
    void namesProvincesInEnglish() {
        assertThat(Provinces.name("11")).isEqualTo("Beijing");
        assertThat(Provinces.name("31")).isEqualTo("Shanghai");
        assertThat(Provinces.name("15")).isEqualTo("Inner Mongolia");
        assertThatIllegalArgumentException().isThrownBy(() -> Provinces.name("99"));
    }

    @Test
    void theProvinceOfARegionOrUnitCodeIsItsFirstTwoDigits() {
        assertThat(Provinces.provinceOf("110105")).isEqualTo("11");
        assertThat(Provinces.provinceOf("310104")).isEqualTo("31");
        assertThat(Provinces.provinceOf("110105000000")).isEqualTo("11");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"990000", "1", "ab0105", "11a105"})
    void aCodeOutsideEveryProvinceHasNoProvince(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> Provinces.provinceOf(code));
    }
}
