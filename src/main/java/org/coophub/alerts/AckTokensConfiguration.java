package org.coophub.alerts;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AckTokensConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AckTokensConfiguration.class);

    /**
     * Signs with the configured secret, or else with a random one: the hub still starts on a development machine,
     * but links in emails sent before a restart stop working after it, which the log says.
     */
    @Bean
    AckTokens ackTokens(AlertsProperties alerts, Clock clock) {
        if (!alerts.isRandomSecret()) {
            return new AckTokens(alerts.ackSecret().getBytes(StandardCharsets.UTF_8), clock);
        }
        byte[] secret = new byte[AckTokens.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        log.warn("coophub.alerts.mail.ack-secret is not set (environment COOPHUB_ALERTS_ACK_SECRET): acknowledgement"
                + " links are signed with a random secret, so links in alert emails sent before a restart will not"
                + " work after it");
        return new AckTokens(secret, clock);
    }
}
