package org.coophub.routing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    ScopeRule scopeRule(BureauProperties bureau) {
        return bureau.scopeRule();
    }
}
