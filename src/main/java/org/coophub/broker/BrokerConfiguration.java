package org.coophub.broker;

import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.destination.DynamicDestinationResolver;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    /** More than the deliveries handled side by side (coophub.delivery.consumers, at most 32). */
    static final int DELIVERY_GROUP_BUCKETS = 256;

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
            // deliveries are grouped by request (DeliveryQueue): hashing the groups into buckets keeps the broker's
            // table of groups small however many requests go through
            configuration.addAddressSetting("coophub.deliver.#",
                    new AddressSettings().setDefaultGroupBuckets(DELIVERY_GROUP_BUCKETS));
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
        // Artemis answers session.createQueue(name) with a round trip to the broker (queue query) on every send;
        // the destinations this template sends to are a few fixed names, so resolve each once
        DynamicDestinationResolver dynamic = new DynamicDestinationResolver();
        Map<String, Destination> destinations = new ConcurrentHashMap<>();
        template.setDestinationResolver((session, name, pubSub) -> {
            String key = (pubSub ? "topic:" : "queue:") + name;
            Destination destination = destinations.get(key);
            if (destination == null) {
                destination = dynamic.resolveDestinationName(session, name, pubSub);
                destinations.put(key, destination);
            }
            return destination;
        });
        return template;
    }
}
