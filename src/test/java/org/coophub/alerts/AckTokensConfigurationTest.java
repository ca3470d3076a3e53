package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.coophub.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

@ExtendWith(OutputCaptureExtension.class)
class AckTokensConfigurationTest {

    private static final String SECRET = "coophub.alerts.mail.ack-secret=0123456789abcdef0123456789abcdef";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Enabled.class, AckTokensConfiguration.class);

    @EnableConfigurationProperties(AlertsProperties.class)
    static class Enabled {
        @Bean
        Clock clock() {
            return new MutableClock(Instant.parse("2026-03-05T00:00:00Z"));
        }
    }

    @Test
    void defaultsApply() {
        context.run(c -> assertThat(c.getBean(AlertsProperties.class)).satisfies(p -> {
            assertThat(p.from()).isEqualTo("coophub@localhost");
            assertThat(p.ackBaseUrl()).isEqualTo("http://localhost:8080");
            assertThat(p.ackValidity()).isEqualTo(Duration.ofDays(7));
        }));
    }

    @Test
    void withoutASecretLinksWorkUntilARestartAndTheLogSaysSo(CapturedOutput output) {
        context.run(first -> context.run(second -> {
            String token = first.getBean(AckTokens.class).issue(42, Duration.ofDays(1));

            assertThat(first.getBean(AckTokens.class).verify(token)).hasValue(42);
            assertThat(second.getBean(AckTokens.class).verify(token)).isEmpty();
        }));
        assertThat(output.getOut()).contains("coophub.alerts.mail.ack-secret is not set", "COOPHUB_ALERTS_ACK_SECRET");
    }

    @Test
    void withASecretLinksOutliveARestart() {
        context.withPropertyValues(SECRET).run(first -> context.withPropertyValues(SECRET).run(second ->
                assertThat(second.getBean(AckTokens.class)
                        .verify(first.getBean(AckTokens.class).issue(42, Duration.ofDays(1)))).hasValue(42)));
    }

    @Test
    void aShortSecretStopsTheStartNamingTheKey() {
        context.withPropertyValues("coophub.alerts.mail.ack-secret=tooshort").run(c ->
                assertThat(c).getFailure().hasStackTraceContaining("coophub.alerts.mail")
                        .hasStackTraceContaining("ackSecret")
                        .hasStackTraceContaining("at least 32 characters"));
    }

    @Test
    void aNonWebBaseUrlIsRefused() {
        context.withPropertyValues("coophub.alerts.mail.ack-base-url=javascript:alert(1)").run(c ->
                assertThat(c).getFailure().hasStackTraceContaining("ackBaseUrl"));
    }

    @Test
    void theSecretIsNotPrinted() {
        context.withPropertyValues(SECRET).run(c ->
                assertThat(c.getBean(AlertsProperties.class).toString()).doesNotContain("0123456789abcdef")
                        .contains("ackSecret=(set)"));
    }
}
