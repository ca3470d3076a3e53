package org.coophub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.coophub.support.Hub;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The raw parts the hub is built on, measured alone on the hub's own broker and simulated platforms while the hub
 * is idle: how fast each goes, and what CPU each item costs the whole machine (client and server side alike).
 * Their CPU per item together is a floor under the hub's: at 1,000 items a second two cores allow 2 ms per item.
 */
final class Ceilings {

    private Ceilings() {
    }

    /** Items a second, and the process's CPU per item while they went through (every thread, JIT and GC too). */
    record Ceiling(double perSecond, double cpuMillisPerItem) {

        String line(String part, String unit, String how) {
            return String.format(Locale.ROOT, "%-14s %6.0f %s/s, %.2f ms of CPU each, %s", part, perSecond, unit,
                    cpuMillisPerItem, how);
        }
    }

    /** Times one run of {@code n} items and the CPU the process spent on it. */
    static Ceiling measure(int n, ThrowingRunnable run) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        run.run();
        long elapsed = System.nanoTime() - start;
        return new Ceiling(n * 1e9 / elapsed, (os.getProcessCpuTime() - cpu) / 1e6 / n);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The CPU each item may take, in ms, for this machine's cores to handle {@code perSecond} items a second. */
    static double cpuMillisPerItemAt(int perSecond) {
        return Runtime.getRuntime().availableProcessors() * 1000.0 / perSecond;
    }

    /**
     * N persistent messages of the payload's size through a fresh queue on the hub's own broker (its connection
     * factory without Spring's caching wrapper): one sender and one receiver running at once, each on a transacted
     * session committing every {@code batch} messages (1 = the per-message durability the hub pays).
     */
    static Ceiling artemis(Hub hub, byte[] payload, int n, int batch) throws Exception {
        ConnectionFactory factory = hub.bean(ConnectionFactory.class);
        if (factory instanceof CachingConnectionFactory caching && caching.getTargetConnectionFactory() != null) {
            factory = caching.getTargetConnectionFactory();
        }
        String name = "bench.ceiling." + UUID.randomUUID();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session sendSession = connection.createSession(true, Session.SESSION_TRANSACTED);
            Session receiveSession = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = sendSession.createQueue(name);
            MessageProducer producer = sendSession.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer consumer = receiveSession.createConsumer(queue);
            AtomicInteger received = new AtomicInteger();
            Ceiling ceiling = measure(n, () -> {
                Thread receiver = new Thread(() -> {
                    try {
                        for (int i = 0; i < n; i++) {
                            BytesMessage message = (BytesMessage) consumer.receive(30_000);
                            if (message == null) {
                                break;
                            }
                            if (message.getBodyLength() == payload.length) {
                                received.incrementAndGet();
                            }
                            if ((i + 1) % batch == 0 || i == n - 1) {
                                receiveSession.commit();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "bench-artemis-receiver");
                receiver.start();
                for (int i = 0; i < n; i++) {
                    BytesMessage message = sendSession.createBytesMessage();
                    message.writeBytes(payload);
                    producer.send(message);
                    if ((i + 1) % batch == 0 || i == n - 1) {
                        sendSession.commit();
                    }
                }
                receiver.join();
            });
            assertThat(received.get()).as("messages received from " + name).isEqualTo(n);
            return ceiling;
        }
    }
}
