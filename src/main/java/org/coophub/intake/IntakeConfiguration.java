package org.coophub.intake;

import java.time.Clock;
import org.coophub.routing.ScopeRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean
    RequestParser requestParser(ScopeRule scopeRule, Clock clock, IntakeProperties properties) {
        return new RequestParser(scopeRule, clock, properties.maxSize().toBytes());
    }

    @Bean
    ArchiveNames archiveNames(Clock clock) {
        return new ArchiveNames(clock);
    }
}
