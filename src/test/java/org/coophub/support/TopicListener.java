package org.coophub.support;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what a local system on the broker would receive on a topic. */
public final class TopicListener implements AutoCloseable {

    private final Connection connection;
    private final List<String> received = new CopyOnWriteArrayList<>();

    public TopicListener(ConnectionFactory factory, String topic) throws JMSException {
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic(topic));
        consumer.setMessageListener(message -> {
            try {
                received.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                received.add("unreadable: " + e.getMessage());
            }
        });
        connection.start();
    }

    public List<String> received() {
        return received;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
