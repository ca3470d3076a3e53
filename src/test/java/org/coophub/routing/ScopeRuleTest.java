package org.coophub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.coophub.request.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeRuleTest {

    private final ScopeRule beijing = new ScopeRule("110105000000");

    @Test
    void aTargetInOurOwnProvinceIsProvincial() {
        assertThat(beijing.ownProvince()).isEqualTo("11");
        assertThat(beijing.scopeFor("110108")).isEqualTo(Scope.PROVINCIAL);
        assertThat(beijing.scopeFor("110105")).isEqualTo(Scope.PROVINCIAL);
    }

    @Test
    void aTargetInAnyOtherProvinceIsNational() {
        assertThat(beijing.scopeFor("310104")).isEqualTo(Scope.NATIONAL);
        // Tianjin borders Beijing and shares its first digit, but is another province.
        assertThat(beijing.scopeFor("120101")).isEqualTo(Scope.NATIONAL);
    }

    @Test
    void explainsItsChoice() {
        assertThat(beijing.reason("110108")).isEqualTo("target region 110108 is in our own province Beijing (11)");
        assertThat(beijing.reason("310104"))
                .isEqualTo("target region 310104 is in Shanghai (31), our own province is Beijing (11)");
    }

    @Test
    void judgedFromASendersRegionItExplainsItselfInTheSendersTerms() {
        ScopeRule shanghaiSender = ScopeRule.ofSender("310104");

        assertThat(shanghaiSender.ownProvince()).isEqualTo("31");
        assertThat(shanghaiSender.scopeFor("310115")).isEqualTo(Scope.PROVINCIAL);
        assertThat(shanghaiSender.scopeFor("110108")).isEqualTo(Scope.NATIONAL);
        assertThat(shanghaiSender.reason("110108"))
                .isEqualTo("target region 110108 is in Beijing (11), the sender's own province is Shanghai (31)");
        assertThat(shanghaiSender.reason("310115"))
                .isEqualTo("target region 310115 is in the sender's own province Shanghai (31)");
        assertThatIllegalArgumentException().isThrownBy(() -> ScopeRule.ofSender("990104"));
    }

    @Test
    void refusesATargetOutsideEveryProvince() {
        assertThatIllegalArgumentException().isThrownBy(() -> beijing.scopeFor("990101"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"11010500000", "1101050000000", "11010500000A", "990105000000", "100105000000"})
    void refusesABadBureauCodeNamingTheProperty(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScopeRule(code))
                .withMessageContaining("coophub.bureau.code");
    }
}
