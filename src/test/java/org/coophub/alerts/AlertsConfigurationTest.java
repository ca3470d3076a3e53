package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The roster is loaded when the hub starts, and a bad one stops the start with the loader's message. */
class AlertsConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DutyRosterProperties.class)
    @Import(AlertsConfiguration.class)
    static class Wiring {
    }

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void byDefaultTheShippedRosterIsLoaded() {
        runner.run(context -> {
            assertThat(context.getBean(DutyRosterProperties.class).roster()).isEqualTo(Path.of("config/duty-roster.yaml"));
            assertThat(context.getBean(DutyRoster.class).onDutyAt(Instant.parse("2026-09-28T04:00:00Z")).officer().id())
                    .isEqualTo("wang");
        });
    }

    @Test
    void anInvalidRosterFailsTheStartNamingTheFileAndEntry() throws IOException {
        Path file = Files.writeString(dir.resolve("roster.yaml"),
                Files.readString(Path.of("config/duty-roster.yaml")).replace("TUESDAY: li", "TUESDAY: lii"));
        runner.withPropertyValues("coophub.alerts.roster=" + file)
                .run(context -> assertThat(context).getFailure()
                        .hasRootCauseInstanceOf(InvalidRosterException.class)
                        .hasStackTraceContaining(file + ": rota.weekdays.TUESDAY: no officer with id 'lii'"));
    }
}
