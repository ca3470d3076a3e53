package org.coophub.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.coophub.alerts.AlertsProperties;
import org.coophub.delivery.DeliveryProperties;
import org.coophub.intake.IntakeProperties;
import org.coophub.replies.RepliesProperties;
import org.coophub.reporting.ReportingProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The settings routes/*.yaml read as {{placeholders}}, taken from the bound settings so that their defaults apply
 * there too. Camel resolves placeholders against the environment, which knows nothing of the records' defaults: a
 * key left out of config/application.yaml would otherwise stop the routes from starting. Added last, so that every
 * configured value still wins.
 */
@Component
public class RouteSettings {

    static final String SOURCE_NAME = "coophub-route-settings";

    public RouteSettings(ConfigurableEnvironment environment, IntakeProperties intake, DeliveryProperties delivery,
            RepliesProperties replies, ReportingProperties reporting, AlertsProperties alerts) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME,
                values(intake, delivery, replies, reporting, alerts)));
    }

    static Map<String, Object> values(IntakeProperties intake, DeliveryProperties delivery, RepliesProperties replies,
            ReportingProperties reporting, AlertsProperties alerts) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("coophub.intake.outbox", intake.outbox().toString());
        values.put("coophub.intake.poll-delay-millis", intake.pollDelayMillis());
        values.put("coophub.intake.jms-queue", intake.jmsQueue());
        values.put("coophub.intake.jms-dead-letter-queue", intake.jmsDeadLetterQueue());
        values.put("coophub.delivery.consumers", delivery.consumers());
        values.put("coophub.delivery.replies-topic", delivery.repliesTopic());
        values.put("coophub.delivery.requests-topic", delivery.requestsTopic());
        values.put("coophub.replies.outbox", replies.outbox().toString());
        values.put("coophub.reporting.detentions-folder", reporting.detentionsFolder().toString());
        values.put("coophub.reporting.detentions-poll-delay-millis", reporting.detentionsPollDelayMillis());
        values.put("coophub.alerts.mail.from", alerts.from());
        return values;
    }
}
