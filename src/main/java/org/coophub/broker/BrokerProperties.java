package org.coophub.broker;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded Artemis broker ({@code coophub.broker.*}). With an external broker the same
 * settings belong in its broker.xml (see docker/broker.xml).
 *
 * @param duplicateIdCacheSize the ids the broker remembers per address. While a platform is down, every request
 *        for it waits on its queue, and each recovery sweep (coophub.publishing.*) sends all of them again, relying
 *        on the broker to drop each copy by its id: once the backlog outgrows the cache, copies get in and requests
 *        can be published twice. At least 10,000: at the volume in the statistics example (about 12,000 requests
 *        in half a year) that is months of outage, and the cache costs a few bytes per id. A busy bureau needs the
 *        default or more.
 */
@Validated
@ConfigurationProperties("coophub.broker")
public record BrokerProperties(
        @NotNull @DefaultValue("1s") Duration redeliveryDelay,
        @DecimalMin("1.0") @DefaultValue("2.0") double redeliveryMultiplier,
        @NotNull @DefaultValue("5m") Duration maxRedeliveryDelay,
        @NotNull @DefaultValue("100us") Duration journalBufferTimeout,
        // the message names the key: Spring reports the field as duplicateIdCacheSize
        @Min(value = 10_000, message = "coophub.broker.duplicate-id-cache-size must be at least {value}")
        @DefaultValue("200000") int duplicateIdCacheSize) {

    public BrokerProperties {
        // Artemis takes the delays in whole milliseconds, and 0 retries at once: a platform that is down would be
        // tried in a tight loop
        if (redeliveryDelay != null && redeliveryDelay.toMillis() < 1) {
            throw new IllegalArgumentException("coophub.broker.redelivery-delay must be at least 1ms, not "
                    + redeliveryDelay);
        }
        // Artemis would cap every wait, the first one too, at the maximum: the back-off would silently not be the
        // one configured
        if (redeliveryDelay != null && maxRedeliveryDelay != null && maxRedeliveryDelay.compareTo(redeliveryDelay) < 0) {
            throw new IllegalArgumentException("coophub.broker.max-redelivery-delay (" + maxRedeliveryDelay
                    + ") must not be shorter than coophub.broker.redelivery-delay (" + redeliveryDelay + ")");
        }
    }
}
