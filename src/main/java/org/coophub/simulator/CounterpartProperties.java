package org.coophub.simulator;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated counterpart ({@code coophub.simulator.counterpart.*}): with the simulator on, the simulated
 * platforms play the other regions, answering what we publish and sending requests to our bureau.
 *
 * @param enabled         play the other regions (default true; only with {@code coophub.simulator.enabled=true})
 * @param replyDelay      how long after a request is published its reply appears (default 20s)
 * @param lateShare       share of replies (0..1) that come after {@code lateDelay} instead (default 0.2)
 * @param lateDelay       the delay of those late replies (default 10m)
 * @param attachmentShare share of replies (0..1) that carry a small statement file (default 0.5)
 * @param inboundInterval how often each platform sends a request to our bureau; 0 = never (default 2m)
 * @param seed            seed of the random choices, for repeatable runs; 0 = random (default)
 */
@Validated
@ConfigurationProperties("coophub.simulator.counterpart")
public record CounterpartProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("20s") Duration replyDelay,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.2") double lateShare,
        @NotNull @DefaultValue("10m") Duration lateDelay,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double attachmentShare,
        @NotNull @DefaultValue("2m") Duration inboundInterval,
        @DefaultValue("0") long seed) {

    public CounterpartProperties {
        notNegative("reply-delay", replyDelay);
        notNegative("late-delay", lateDelay);
        notNegative("inbound-interval", inboundInterval);
    }

    /** The defaults, as the default profile runs them. */
    public static CounterpartProperties defaults() {
        return new CounterpartProperties(true, Duration.ofSeconds(20), 0.2, Duration.ofMinutes(10), 0.5,
                Duration.ofMinutes(2), 0);
    }

    private static void notNegative(String key, Duration value) {
        // nulls are left to bean validation, which reports them with the other properties
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException("coophub.simulator.counterpart." + key + " must not be negative, got "
                    + value);
        }
    }
}
