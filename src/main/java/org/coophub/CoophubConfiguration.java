package org.coophub;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class CoophubConfiguration {

    /** The one source of time, so that tests can move it instead of waiting. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        return Clock.system(zone);
    }
}
