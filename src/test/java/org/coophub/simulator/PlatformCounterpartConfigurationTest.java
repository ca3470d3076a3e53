package org.coophub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.coophub.platform.PlatformsProperties;
import org.coophub.routing.BureauProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The counterpart comes with the simulator unless switched off, with the documented defaults. */
class PlatformCounterpartConfigurationTest {

    @Configuration
    @EnableConfigurationProperties({PlatformsProperties.class, SimulatorProperties.class, CounterpartProperties.class,
            BureauProperties.class})
    @Import({PlatformSimulator.class, PlatformCounterpart.class})
    static class Config {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @TempDir
    Path dir;

    ApplicationContextRunner runner() throws IOException {
        return new ApplicationContextRunner().withUserConfiguration(Config.class)
                .withPropertyValues("coophub.bureau.code=110105000000", "coophub.bureau.name=test bureau")
                .withPropertyValues(SimulatedPlatforms.properties(dir));
    }

    @Test
    void onWithTheSimulatorByDefaultWithTheDocumentedDefaults() throws IOException {
        runner().withPropertyValues("coophub.simulator.enabled=true").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(PlatformCounterpart.class);
            assertThat(ctx.getBean(CounterpartProperties.class)).isEqualTo(CounterpartProperties.defaults());
        });
    }

    @Test
    void offWithoutTheSimulator() throws IOException {
        runner().run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(PlatformCounterpart.class));
    }

    @Test
    void offWhenSwitchedOff() throws IOException {
        runner().withPropertyValues("coophub.simulator.enabled=true", "coophub.simulator.counterpart.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(PlatformSimulator.class)
                        .doesNotHaveBean(PlatformCounterpart.class));
    }

    @Test
    void settingsAreBound() throws IOException {
        runner().withPropertyValues("coophub.simulator.enabled=true", "coophub.simulator.counterpart.reply-delay=1s",
                "coophub.simulator.counterpart.late-share=0", "coophub.simulator.counterpart.inbound-interval=0",
                "coophub.simulator.counterpart.seed=17").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    CounterpartProperties settings = ctx.getBean(CounterpartProperties.class);
                    assertThat(settings.replyDelay()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(settings.lateShare()).isZero();
                    assertThat(settings.inboundInterval()).isZero();
                    assertThat(settings.seed()).isEqualTo(17);
                });
    }

    @Test
    void aShareAboveOneOrANegativeDelayFailsNamingTheKey() throws IOException {
        runner().withPropertyValues("coophub.simulator.enabled=true", "coophub.simulator.counterpart.late-share=1.5")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("lateShare"));
        runner().withPropertyValues("coophub.simulator.enabled=true", "coophub.simulator.counterpart.reply-delay=-1s")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("coophub.simulator.counterpart.reply-delay"));
    }
}
