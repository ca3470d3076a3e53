package org.coophub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.coophub.platform.PlatformsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The bean exists only with coophub.simulator.enabled=true, and its servers run until the context closes. */
class PlatformSimulatorConfigurationTest {

    @Configuration
    @EnableConfigurationProperties({PlatformsProperties.class, SimulatorProperties.class})
    @Import(PlatformSimulator.class)
    static class Config {
    }

    @TempDir
    Path dir;

    ApplicationContextRunner runner() throws IOException {
        return new ApplicationContextRunner().withUserConfiguration(Config.class)
                .withPropertyValues(SimulatedPlatforms.properties(dir));
    }

    @Test
    void disabledByDefault() throws IOException {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(PlatformSimulator.class);
            assertThat(ctx.getBean(SimulatorProperties.class).root()).isEqualTo(dir.resolve("platforms"));
        });
    }

    @Test
    void enabledStartsEveryPlatformAndStopsThemOnClose() throws IOException {
        PlatformSimulator[] seen = new PlatformSimulator[1];
        runner().withPropertyValues("coophub.simulator.enabled=true").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(PlatformSimulator.class);
            seen[0] = ctx.getBean(PlatformSimulator.class);
            assertThat(seen[0].isRunning("national")).isTrue();
            assertThat(seen[0].isRunning("provincial")).isTrue();
            assertThat(dir.resolve("platforms/provincial/inbound")).isDirectory();
        });
        assertThat(seen[0].isRunning("national")).isFalse();
        assertThat(seen[0].isRunning("provincial")).isFalse();
    }
}
