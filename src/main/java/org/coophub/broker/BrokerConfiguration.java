package org.coophub.broker;

import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.coophub.intake.IntakeProperties;
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
     * The broker, not Camel, retries what the hub's own queues fail to handle: the message stays in the journal
     * between attempts, so a retry survives a restart. None is ever dead-lettered: a request must not be dropped
     * because a platform was down for long, nor a delivery or an intake because the ledger or a disk was out for a
     * few seconds (Artemis's default, 10 attempts without delay, would move them to the DLQ within milliseconds).
     * Input that is bad in itself is refused by the routes with its reason (coophub.intake.jms-dead-letter-queue).
     */
    @Bean
    ArtemisConfigurationCustomizer coophubBrokerSettings(BrokerProperties broker, IntakeProperties intake) {
        return configuration -> {
            configuration.setJournalBufferTimeout_NIO((int) broker.journalBufferTimeout().toNanos());
            configuration.setIDCacheSize(broker.duplicateIdCacheSize());
            configuration.addAddressSetting("coophub.publish.#", retriedForever(broker));
            // deliveries are grouped by request (DeliveryQueue): hashing the groups into buckets keeps the broker's
            // table of groups small however many requests go through
            configuration.addAddressSetting("coophub.deliver.#",
                    retriedForever(broker).setDefaultGroupBuckets(DELIVERY_GROUP_BUCKETS));
            configuration.addAddressSetting(intake.jmsQueue(), retriedForever(broker));
        };
    }

    private static AddressSettings retriedForever(BrokerProperties broker) {
        return new AddressSettings()
                .setRedeliveryDelay(broker.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(broker.redeliveryMultiplier())
                .setMaxRedeliveryDelay(broker.maxRedeliveryDelay().toMillis())
                .setMaxDeliveryAttempts(-1);
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
