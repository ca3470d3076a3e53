package org.coophub.publishing;

import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The durable queue of requests waiting for their platform, one Artemis queue per platform so that a platform
 * that is down holds up only its own requests.
 */
@Component
public class PublishQueue {

    /** Artemis drops a second message with the same id, so re-enqueueing a request that is still queued is harmless. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    static final String PREFIX = "coophub.publish.";

    private final JmsTemplate jms;

    public PublishQueue(JmsTemplate transactedJmsTemplate) {
        this.jms = transactedJmsTemplate;
    }

    public static String queueOf(String platform) {
        return PREFIX + platform;
    }

    /**
     * Inside a database transaction the message is committed only after that transaction commits, so a request
     * is never published before the ledger knows it.
     */
    public void enqueue(String requestId, String platform) {
        jms.send(queueOf(platform), session -> {
            var message = session.createTextMessage(requestId);
            message.setStringProperty(DUPLICATE_ID, requestId);
            return message;
        });
    }
}
