package org.coophub.broker;

import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

import jakarta.jms.ConnectionFactory;

@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    /**
     * The broker, not Camel, retries failed publications: the message stays in the journal between attempts,
     * so a retry survives a restart, and it is never dead-lettered, since a request must not be dropped because
     * a platform was down for a long time.
     */
    @Bean
    ArtemisConfigurationCustomizer coophubBrokerSettings(BrokerProperties broker) {
        return configuration -> {
            configuration.setJournalBufferTimeout_NIO((int) broker.journalBufferTimeout().toNanos());
            configuration.setIDCacheSize(broker.duplicateIdCacheSize());
            AddressSettings publishing = new AddressSettings()
                    .setRedeliveryDelay(broker.redeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(broker.redeliveryMultiplier())
                    .setMaxRedeliveryDelay(broker.maxRedeliveryDelay().toMillis())
                    .setMaxDeliveryAttempts(-1);
            configuration.addAddressSetting("coophub.publish.#", publishing);
        };
    }

    /** Sends that join the surrounding database transaction and commit right after it. */
    @Bean
    JmsTemplate transactedJmsTemplate(ConnectionFactory connectionFactory) {
        ConnectionFactory cached = connectionFactory instanceof CachingConnectionFactory
                ? connectionFactory : new CachingConnectionFactory(connectionFactory);
        JmsTemplate template = new JmsTemplate(cached);
        template.setSessionTransacted(true);
        template.setExplicitQosEnabled(true);
        template.setDeliveryPersistent(true);
        return template;
    }
}
