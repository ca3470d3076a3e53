package org.coophub.inbound;

import java.time.Clock;
import org.coophub.intake.IntakeProperties;
import org.coophub.routing.ScopeRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    /** Requests from other regions are held to our intake's size limit. */
    @Bean
    InboundRequestParser inboundRequestParser(ScopeRule scopeRule, Clock clock, IntakeProperties intake) {
        return new InboundRequestParser(scopeRule, clock, intake.maxSize().toBytes());
    }
}
