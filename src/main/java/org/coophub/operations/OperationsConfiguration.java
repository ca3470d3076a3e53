package org.coophub.operations;

import java.util.Map;
import java.util.TreeMap;
import org.coophub.platform.PlatformsProperties;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    /**
     * One health component per platform, under {@code platforms} (/actuator/health/platforms/national): one
     * composite, so the readiness group names it once however many platforms are configured.
     */
    @Bean
    CompositeHealthContributor platformsHealthContributor(PlatformsProperties platforms,
            PlatformReachability reachability, SuccessfulPolls polls, OperationsProperties settings) {
        Map<String, HealthContributor> byPlatform = new TreeMap<>();
        platforms.platforms().forEach((name, platform) ->
                byPlatform.put(name, new PlatformHealth(name, platform, reachability, polls, settings)));
        return CompositeHealthContributor.fromMap(byPlatform);
    }
}
