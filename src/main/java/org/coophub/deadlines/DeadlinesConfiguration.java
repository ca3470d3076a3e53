package org.coophub.deadlines;

import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeadlinesConfiguration {

    /** Loaded at start-up, so a bad holiday file stops the start instead of the first deadline computed. */
    @Bean
    HolidayCalendar holidayCalendar(DeadlineProperties properties) {
        return properties.holidayCalendar() == null
                ? HolidayCalendar.none()
                : HolidayCalendar.load(properties.holidayCalendar());
    }

    @Bean
    DeadlineCalculator deadlineCalculator(DeadlineProperties properties, HolidayCalendar calendar,
            @Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        return new DeadlineCalculator(properties, calendar, zone);
    }
}
