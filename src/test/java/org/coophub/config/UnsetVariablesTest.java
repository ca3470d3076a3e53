package org.coophub.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    @Test
    void anEnvironmentVariableInSpringBootsFormOverridesTheFile() {
        file(Map.of("coophub.alerts.mail.ack-secret", "${COOPHUB_TEST_UNSET_SECRET}"));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("COOPHUB_ALERTS_MAIL_ACKSECRET", "a-secret-of-at-least-thirty-two-chars")));

        assertThatCode(this::check).doesNotThrowAnyException();
    }

    @Test
    void aCamelCaseArgumentOverridesTheFile() {
        file(Map.of("coophub.alerts.mail.ack-secret", "${COOPHUB_TEST_UNSET_SECRET}"));
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs",
                Map.of("coophub.alerts.mail.ackSecret", "a-secret-of-at-least-thirty-two-chars")));

        assertThatCode(this::check).doesNotThrowAnyException();
    }

    @Test
    void onlyPlaceholdersNamingVariablesCountAndTheValueIsNotRepeated() {
        file(Map.of("a.expression", "${body}", "a.url", "jdbc:h2:file:x;PASSWORD=hunter2;${COOPHUB_TEST_UNSET_3}"));

        assertThatThrownBy(this::check).hasMessageContaining("a.url: COOPHUB_TEST_UNSET_3 not set")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("a.expression");
    }

    private void file(Map<String, Object> settings) {
        environment.getPropertySources().addLast(new MapPropertySource("config/application.yaml", settings));
    }

    private void check() {
        new UnsetVariables().postProcessEnvironment(environment, new SpringApplication());
    }
}
