package org.coophub.alerts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

    /** Read at start-up: a roster with a mistake stops the start, rather than the first alert going nowhere. */
    @Bean
    DutyRoster dutyRoster(DutyRosterProperties properties) {
        return DutyRosterLoader.load(properties.roster());
    }
}
