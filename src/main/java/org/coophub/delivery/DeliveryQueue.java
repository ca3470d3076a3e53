package org.coophub.delivery;

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

    private final JmsTemplate jms;

    public DeliveryQueue(JmsTemplate transactedJmsTemplate) {
        this.jms = transactedJmsTemplate;
    }

    public void replyArrived(String requestId) {
        jms.send(REPLIES, session -> session.createTextMessage(requestId));
    }

    public void requestArrived(String requestId) {
        jms.send(REQUESTS, session -> session.createTextMessage(requestId));
    }
}
