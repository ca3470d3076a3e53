package org.coophub.delivery;

import jakarta.jms.TextMessage;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The durable queues of things to hand to local systems. Enqueued in the same unit of work that records them in
 * the ledger, so a crash between taking a file from a platform and delivering it loses nothing.
 */
@Component
public class DeliveryQueue {

    public static final String REPLIES = "coophub.deliver.replies";
    public static final String REQUESTS = "coophub.deliver.requests";
    static final String GROUP = "JMSXGroupID";

    private final JmsTemplate jms;

    public DeliveryQueue(JmsTemplate transactedJmsTemplate) {
        this.jms = transactedJmsTemplate;
    }

    public void replyArrived(String requestId) {
        send(REPLIES, requestId);
    }

    public void requestArrived(String requestId) {
        send(REQUESTS, requestId);
    }

    /**
     * Grouped by request, so that the broker gives two messages for one request (a delivery queued again) to the same
     * consumer one after the other: the second then finds it delivered and writes no second inbox file
     * (LocalDelivery), where two consumers side by side would both write it.
     */
    private void send(String queue, String requestId) {
        jms.send(queue, session -> {
            TextMessage message = session.createTextMessage(requestId);
            message.setStringProperty(GROUP, requestId);
            return message;
        });
    }
}
