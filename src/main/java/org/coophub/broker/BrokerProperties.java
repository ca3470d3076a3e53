package org.coophub.broker;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded Artemis broker ({@code coophub.broker.*}). With an external broker the same
 * settings belong in its broker.xml (see docker/broker.xml).
 */
@Validated
@ConfigurationProperties("coophub.broker")
public record BrokerProperties(
        @NotNull @DefaultValue("1s") Duration redeliveryDelay,
        @DecimalMin("1.0") @DefaultValue("2.0") double redeliveryMultiplier,
        @NotNull @DefaultValue("5m") Duration maxRedeliveryDelay,
        @NotNull @DefaultValue("100us") Duration journalBufferTimeout,
        @DefaultValue("200000") int duplicateIdCacheSize) {
}
