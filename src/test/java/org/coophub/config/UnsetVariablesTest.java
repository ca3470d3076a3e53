package org.coophub.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class UnsetVariablesTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    @Test
    void aSettingNamingAnUnsetVariableStopsTheStartNamingKeyAndVariable() {
        file(Map.of("coophub.alerts.smtp.host", "${COOPHUB_TEST_UNSET_HOST}", "coophub.zone", "Asia/Shanghai"));

        assertThatThrownBy(this::check).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("coophub.alerts.smtp.host: ")
                .hasMessageContaining("COOPHUB_TEST_UNSET_HOST")
                .hasMessageNotContaining("coophub.zone");
    }

    @Test
    void everySuchSettingIsNamedAtOnce() {
        file(Map.of("a.one", "${COOPHUB_TEST_UNSET_1}", "a.two", "jdbc:${COOPHUB_TEST_UNSET_2}/x"));

        assertThatThrownBy(this::check).hasMessageContaining("a.one: ").hasMessageContaining("a.two: ")
                .hasMessageContaining("COOPHUB_TEST_UNSET_2");
    }

    @Test
    void aDefaultOrASetVariableIsFine() {
        file(Map.of("a.blank", "${COOPHUB_TEST_UNSET:}", "a.default", "${COOPHUB_TEST_UNSET:465}",
                "a.set", "${PATH}"));

        assertThatCode(this::check).doesNotThrowAnyException();
    }

    @Test
    void aValueGivenWhereItWinsOverridesTheFile() {
        file(Map.of("coophub.alerts.smtp.host", "${COOPHUB_TEST_UNSET_HOST}"));
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs",
                Map.of("coophub.alerts.smtp.host", "smtp.example")));

        assertThatCode(this::check).doesNotThrowAnyException();
    }

    private void file(Map<String, Object> settings) {
        environment.getPropertySources().addLast(new MapPropertySource("config/application.yaml", settings));
    }

    private void check() {
        new UnsetVariables().postProcessEnvironment(environment, new SpringApplication());
    }
}
