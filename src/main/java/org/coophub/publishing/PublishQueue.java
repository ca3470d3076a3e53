package org.coophub.publishing;

import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.Message;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The durable queue of requests waiting for their platform, one Artemis queue per platform so that a platform
 * that is down holds up only its own requests.
 */
@Component
public class PublishQueue {

    /** Artemis drops a second message with the same id, so re-enqueueing a request that is still queued is harmless. */
    private static final String DUPLICATE_ID = Message.HDR_DUPLICATE_DETECTION_ID.toString();
    static final String PREFIX = "coophub.publish.";

    private final JmsTemplate jms;

    public PublishQueue(JmsTemplate transactedJmsTemplate) {
        this.jms = transactedJmsTemplate;
    }

    public static String queueOf(String platform) {
        return PREFIX + platform;
    }

    /** Our replies to requests from other regions wait here for the platform the request came from. */
    public static String replyQueueOf(String platform) {
        return PREFIX + "replies." + platform;
    }

    public void enqueueReply(String requestId, String platform) {
        send(replyQueueOf(platform), requestId);
    }

    /**
     * Inside a database transaction the message is committed only after that transaction commits, so a request
     * is never published before the ledger knows it.
     */
    public void enqueue(String requestId, String platform) {
        send(queueOf(platform), requestId);
    }

    /**
     * Enqueues a request again unless the broker still holds (or has held) its message.
     *
     * @return false if the broker recognised it as a duplicate of a message it already has
     */
    public boolean requeue(String requestId, String platform) {
        return sendUnlessHeld(queueOf(platform), requestId);
    }

    /** {@link #requeue} for our reply to a request from another region. */
    public boolean requeueReply(String requestId, String platform) {
        return sendUnlessHeld(replyQueueOf(platform), requestId);
    }

    private boolean sendUnlessHeld(String queue, String requestId) {
        try {
            send(queue, requestId);
            return true;
        } catch (JmsException e) {
            if (isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private void send(String queue, String requestId) {
        jms.send(queue, session -> {
            var message = session.createTextMessage(requestId);
            message.setStringProperty(DUPLICATE_ID, requestId);
            return message;
        });
    }
}
