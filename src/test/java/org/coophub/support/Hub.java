package org.coophub.support;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.coophub.CoophubApplication;
import org.coophub.ledger.Ledger;
import org.coophub.operations.SuccessfulPolls;
import org.coophub.platform.PlatformRoutes;
import org.coophub.platform.PlatformsProperties;
import org.coophub.publishing.PublishQueue;
import org.coophub.simulator.PlatformSimulator;
import org.coophub.support.PlatformUploads.Upload;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole coophub, started the way {@code java -jar} starts it (same config/ and routes/ files), in a folder of
 * its own: embedded Artemis journal, H2 ledger and simulated platforms all under {@code dir}. Starting a second
 * hub on the same folder is a restart.
 */
public final class Hub implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dir;
    private final Map<String, Object> properties;
    private final Clock clock;
    private final PlatformUploads uploads;
    private final ConfigurableApplicationContext context;

    private Hub(Path dir, Map<String, Object> properties, Clock clock, PlatformUploads uploads) {
        this.dir = dir;
        this.properties = properties;
        this.clock = clock;
        this.uploads = uploads;
        SpringApplicationBuilder builder = new SpringApplicationBuilder(CoophubApplication.class);
        if (clock != null) {
            // replaces the system clock: tests move time instead of waiting
            builder.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        // the simulator puts every SftpEventListener bean on its servers before they start
        builder.initializers(context -> context.getBeanFactory().registerSingleton("platformUploads", uploads));
        this.context = builder.run(arguments(properties));
    }

    /** A new hub in a new folder. */
    public static Hub start(Path dir, String... extraProperties) {
        return start(dir, null, extraProperties);
    }

    /** A new hub in a new folder, on a clock the test moves. */
    public static Hub start(Path dir, Clock clock, String... extraProperties) {
        return new Hub(dir, settings(dir, extraProperties), clock, new PlatformUploads());
    }

    /**
     * A hub on the folder and settings another one ran with (from {@link #settings}), e.g. one in a JVM of its own
     * that was killed ({@link ForkedHub}).
     */
    public static Hub start(Path dir, Map<String, Object> settings) {
        return new Hub(dir, new LinkedHashMap<>(settings), null, new PlatformUploads());
    }

    /**
     * What a hub in {@code dir} runs with: test-hub.yaml, its folders (journal, ledger, platforms, local folders) under
     * {@code dir}, free ports for the simulated platforms and the mailbox, then {@code extraProperties} (key=value).
     */
    public static Map<String, Object> settings(Path dir, String... extraProperties) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.additional-location", "classpath:/test-hub.yaml");
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("data/ledger/coophub").toAbsolutePath());
        properties.put("spring.artemis.embedded.data-directory", dir.resolve("data/artemis").toAbsolutePath().toString());
        properties.put("coophub.intake.outbox", dir.resolve("data/local/outbox").toAbsolutePath().toString());
        properties.put("coophub.intake.quarantine", dir.resolve("data/local/quarantine").toAbsolutePath().toString());
        properties.put("coophub.delivery.inbox", dir.resolve("data/local/inbox").toAbsolutePath().toString());
        properties.put("coophub.replies.outbox", dir.resolve("data/local/outbox/replies").toAbsolutePath().toString());
        properties.put("coophub.replies.attachment-store", dir.resolve("data/attachments").toAbsolutePath().toString());
        properties.put("coophub.reporting.detentions-folder", dir.resolve("data/local/detentions").toAbsolutePath().toString());
        properties.put("coophub.simulator.root", dir.resolve("data/platforms").toAbsolutePath().toString());
        properties.put("coophub.simulator.keys", dir.resolve("data/simulator").toAbsolutePath().toString());
        for (String platform : new String[] {"national", "provincial"}) {
            properties.put("coophub.platforms." + platform + ".port", freePort());
            properties.put("coophub.platforms." + platform + ".private-key",
                    dir.resolve("data/simulator/client_key").toAbsolutePath().toString());
            properties.put("coophub.platforms." + platform + ".known-hosts",
                    dir.resolve("data/simulator/known_hosts").toAbsolutePath().toString());
        }
        properties.put("coophub.alerts.smtp.port", freePort());
        for (String property : extraProperties) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        return properties;
    }

    /** As command-line arguments, so that they win over config/application.yaml. */
    static String[] arguments(Map<String, Object> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** Stops this hub and starts a new one on the same folders and ports, as after a restart. */
    public Hub restart(String... changedProperties) {
        close();
        Map<String, Object> next = new LinkedHashMap<>(properties);
        for (String property : changedProperties) {
            int eq = property.indexOf('=');
            next.put(property.substring(0, eq), property.substring(eq + 1));
        }
        return new Hub(dir, next, clock, uploads);
    }

    public String property(String key) {
        return String.valueOf(properties.get(key));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A bean by name, where the context holds several of its type. */
    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public Ledger ledger() {
        return bean(Ledger.class);
    }

    /** Exchanges of a route that failed so far (Camel's route metrics), for tests that wait on attempts. */
    public double failedExchanges(String routeId) {
        Counter failed = bean(MeterRegistry.class).find("camel.exchanges.failed").tag("routeId", routeId).counter();
        return failed == null ? 0 : failed.count();
    }

    /**
     * Waits until every route polling a platform's folder ({@code replies} or {@code requests}) has polled it from
     * start to end since this call, so that a file lying there now has been listed: two successful polls each, the
     * second of which began after the first had ended.
     */
    public void awaitWholePolls(String platform, String folder) {
        SuccessfulPolls polls = bean(SuccessfulPolls.class);
        Instant since = Instant.now();
        for (int n = 1; n <= bean(PlatformsProperties.class).get(platform).pollers(); n++) {
            String route = PlatformRoutes.pollRoute(folder, platform, n);
            Instant first = await().until(() -> polls.last(route).orElse(Instant.MIN), last -> last.isAfter(since));
            await().until(() -> polls.last(route).orElse(Instant.MIN), last -> last.isAfter(first));
        }
    }

    /** Runs a statement on the ledger database, as an operator (or an outage) would. */
    public void executeSql(String sql) {
        try (Connection connection = bean(DataSource.class).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** Messages on a broker queue, those in delivery and those waiting to be redelivered included; 0 if none yet. */
    public long messagesOn(String queue) {
        org.apache.activemq.artemis.core.server.Queue held = bean(EmbeddedActiveMQ.class).getActiveMQServer()
                .locateQueue(queue);
        return held == null ? 0 : held.getMessageCount();
    }

    public PlatformSimulator simulator() {
        return bean(PlatformSimulator.class);
    }

    /** What the simulated platforms were sent, file by file, since this hub's first start (restarts included). */
    public PlatformUploads uploads() {
        return uploads;
    }

    /**
     * How the platform was sent our request's file, once nothing more waits to be published there (no message
     * queued, in delivery or waiting to be redelivered): no further upload of it can still be on its way. A hub
     * shared by several tests must not be left with something that waits for good.
     */
    public Upload settledUpload(String platform, String requestId) {
        awaitEmpty(PublishQueue.queueOf(platform));
        return uploads.of(inbound(platform).resolve(requestId + ".json"));
    }

    /** {@link #settledUpload} for a file of our reply to a request from another region (the reply or an attachment). */
    public Upload settledReplyUpload(String platform, String file) {
        awaitEmpty(PublishQueue.replyQueueOf(platform));
        return uploads.of(platformFolder(platform, "our-replies").resolve(file));
    }

    private void awaitEmpty(String queue) {
        await().alias("nothing left on " + queue).until(() -> messagesOn(queue) == 0);
    }

    public Path inbound(String platform) {
        return simulator().root(platform).resolve("inbound");
    }

    public Path platformFolder(String platform, String folder) {
        return simulator().root(platform).resolve(folder);
    }

    public Path inbox() {
        return Path.of((String) properties.get("coophub.delivery.inbox"));
    }

    public Path repliesOutbox() {
        return Path.of((String) properties.get("coophub.replies.outbox"));
    }

    public Path outbox() {
        return Path.of((String) properties.get("coophub.intake.outbox"));
    }

    public Path detentionsFolder() {
        return Path.of((String) properties.get("coophub.reporting.detentions-folder"));
    }

    public Path quarantine() {
        return Path.of((String) properties.get("coophub.intake.quarantine"));
    }

    public String url(String path) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path;
    }

    /** As the test user {@code admin} (see test-hub.yaml); {@link #as} for another user. */
    public HttpResponse<String> post(String path, byte[] body) {
        return as("admin").post(path, body);
    }

    public HttpResponse<String> post(String path, String body) {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> put(String path, String body) {
        return as("admin").put(path, body);
    }

    public HttpResponse<String> get(String path) {
        return as("admin").get(path);
    }

    /** Calls as one of the test users (admin, liaison, viewer, system; password {@code <name>-test-pass}), or null: none. */
    public Client as(String user) {
        return new Client(url(""), user);
    }

    /** Calls a hub at {@code baseUrl} (http://host:port) as a test user, as {@link #as} does. */
    public static final class Client {

        private final String baseUrl;
        private final String authorization;

        Client(String baseUrl, String user) {
            this.baseUrl = baseUrl;
            this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + user + "-test-pass").getBytes(StandardCharsets.UTF_8));
        }

        public HttpResponse<String> post(String path, byte[] body) {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        }

        public HttpResponse<String> post(String path, String body) {
            return post(path, body.getBytes(StandardCharsets.UTF_8));
        }

        public HttpResponse<String> put(String path, String body) {
            return send(request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        }

        public HttpResponse<String> get(String path) {
            return send(request(path).GET().build());
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
            return authorization == null ? builder : builder.header("Authorization", authorization);
        }
    }

    /** Drops a file in the outbox the way local systems must: written under a temporary name, then renamed. */
    public void drop(String name, byte[] content) {
        try {
            Files.createDirectories(outbox());
            Path temp = Files.write(outbox().resolve(name + ".tmp"), content);
            Files.move(temp, outbox().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A port free now, below the range the system hands out to outgoing connections (32768 and up on Linux): a port
     * from that range, free when asked, could be taken as the local end of some connection before the hub binds it.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
