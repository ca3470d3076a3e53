package org.coophub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coophub.bench.BenchSupport.awaitAll;
import static org.coophub.bench.BenchSupport.id;
import static org.coophub.bench.BenchSupport.last;
import static org.coophub.bench.BenchSupport.latency;
import static org.coophub.bench.BenchSupport.mb;
import static org.coophub.bench.BenchSupport.percentiles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.coophub.bench.BenchSupport.Arrivals;
import org.coophub.bench.BenchSupport.CpuBudget;
import org.coophub.bench.BenchSupport.HeapSampler;
import org.coophub.bench.Ceilings.Ceiling;
import org.coophub.broker.BrokerProperties;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformsProperties;
import org.coophub.platform.SftpConnection;
import org.coophub.support.Hub;
import org.coophub.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * End-to-end publishing throughput and latency of a whole hub (REST intake, H2 file ledger, persistent embedded
 * Artemis, SFTP to the simulated platforms), and, in the same run and JVM, the raw ceilings of the two durable
 * steps it is built on: persistent Artemis send+receive, and SFTP upload (temp name then rename).
 *
 * <p>Run alone with {@code mvn -o -Pbench test [-Dbench.requests=N]} (see docs/benchmarks.md). Asserts only
 * correctness (every request accepted, published once, on the right platform); speed is printed, never asserted.
 *
 * <p>Properties: {@code bench.requests} (N, default 10000), {@code bench.clients} (concurrent HTTP clients,
 * default 16), {@code bench.warmup} (requests published before the measured run, default min(1000, N/10)),
 * {@code bench.hub} (extra hub settings, {@code key=value} separated by {@code ;}, to try a tuning without
 * editing config/application.yaml).
 */
class PublishingBenchmark {

    /** A local system relays with HTTP Basic (test user "system", see test-hub.yaml). */
    private static final String SYSTEM_LOGIN = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("system:system-test-pass".getBytes(StandardCharsets.UTF_8));

    private static final String NATIONAL = "national";
    private static final String PROVINCIAL = "provincial";
    /** The SFTP options of routes/publishing.yaml, minus the connection part that SftpConnection.uri adds. */
    private static final String ROUTE_SFTP_OPTIONS = "tempFileName=${file:name}.part&fileExist=TryRename"
            + "&existDirCheckUsingLs=false&fastExistsCheck=true&sendNoop=false&stepwise=false&disconnect=false"
            + "&autoCreate=false&maximumReconnectAttempts=0";

    private final int n = Integer.getInteger("bench.requests", 10_000);
    private final int clients = Integer.getInteger("bench.clients", 16);
    private final int warmup = Integer.getInteger("bench.warmup", Math.min(1000, n / 10));

    @TempDir
    Path dir;

    @Test
    void publishing() throws Exception {
        List<String> settings = BenchSupport.hubSettings(dir);
        try (Hub hub = Hub.start(dir, settings.toArray(String[]::new))) {
            printSettings(hub, settings);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            JdbcClient jdbc = JdbcClient.create(hub.bean(DataSource.class));

            if (warmup > 0) {
                EndToEnd warm = endToEnd(hub, http, jdbc, "WARM-", warmup);
                System.out.printf(Locale.ROOT, "warm-up: %d requests, %.0f requests/s (not counted)%n",
                        warmup, warm.rate());
            }
            EndToEnd run = endToEnd(hub, http, jdbc, "BENCH-", n);
            byte[] payload = Files.readAllBytes(hub.inbound(NATIONAL).resolve("BENCH-000000.json"));

            System.out.printf(Locale.ROOT, "%n== end to end: N=%d, payload %d bytes ==%n", n, payload.length);
            System.out.printf(Locale.ROOT, "throughput     %.0f requests/s (N / first POST to last file renamed, %.2f s)%n",
                    run.rate(), run.seconds());
            System.out.printf(Locale.ROOT, "accept only    %.0f requests/s (N / first POST to last 202)%n", run.acceptRate());
            System.out.printf(Locale.ROOT, "latency        %s (POST sent -> <id>.json in inbound)%n",
                    percentiles(run.latency));
            System.out.printf(Locale.ROOT, "peak heap      %.0f MB sampled used (sum of pool peaks %.0f MB, max %.0f MB)%n",
                    mb(run.sampledPeakHeap), mb(run.poolPeakHeap), mb(Runtime.getRuntime().maxMemory()));
            System.out.printf(Locale.ROOT, "watcher        %d inotify overflow(s)%n", run.overflows);
            System.out.print(run.cpu());

            System.out.printf(Locale.ROOT, "%n== ceilings (same JVM, same broker and simulator, hub idle), N=%d, %d-byte payload ==%n",
                    n, payload.length);
            Ceiling artemisTx1 = Ceilings.artemis(hub, payload, n, 1);
            Ceiling artemisTx100 = Ceilings.artemis(hub, payload, n, 100);
            System.out.println(artemisTx1.line("artemis", "msg", "persistent send+receive, commit per message"));
            System.out.println(artemisTx100.line("artemis", "msg",
                    "persistent send+receive, commit per 100 (not comparable, for scale)"));

            PlatformsProperties platforms = hub.bean(PlatformsProperties.class);
            int publishers = platforms.get(NATIONAL).publishers();
            Ceiling sftp1 = sftpCeiling(hub, Map.of(NATIONAL, 1), payload, "one");
            Ceiling sftpP = sftpCeiling(hub, Map.of(NATIONAL, publishers), payload, "par");
            Map<String, Integer> hubLayout = new HashMap<>();
            platforms.platforms().forEach((name, p) -> hubLayout.put(name, p.publishers()));
            Ceiling sftpHub = sftpCeiling(hub, hubLayout, payload, "hub");
            System.out.println(sftp1.line("sftp", "files", "one session (Camel sftp producer, route options)"));
            System.out.println(sftpP.line("sftp", "files", publishers + " sessions in parallel to one platform"));
            System.out.println(sftpHub.line("sftp", "files", hubLayout + " sessions in parallel (the hub's layout)"));
            Ceiling httpCalls = httpCeiling(hub, http);
            System.out.println(httpCalls.line("http", "calls", clients + " clients, GET /api/requests/<unknown> with Basic:"
                    + " Tomcat, Spring Security, MVC, one ledger lookup, 404, and the client"));
            System.out.printf(Locale.ROOT, "floor          %.2f ms of CPU per request for the HTTP call, the broker hop and the"
                    + " upload alone (before the ledger's writes, the checks and the routes); 1000 requests/s on %d cores"
                    + " allow %.2f ms%n",
                    httpCalls.cpuMillisPerItem() + artemisTx1.cpuMillisPerItem() + sftpHub.cpuMillisPerItem(),
                    Runtime.getRuntime().availableProcessors(), Ceilings.cpuMillisPerItemAt(1000));

            double lower = Math.min(artemisTx1.perSecond(), sftpHub.perSecond());
            boolean ok = run.rate() >= 1000 && run.rate() >= lower / 2;
            System.out.printf(Locale.ROOT, "%nVERDICT: %s - end to end %.0f requests/s; target >= 1000 and >= half the lower"
                    + " ceiling (min(artemis %.0f, sftp %.0f)/2 = %.0f)%n%n",
                    ok ? "MET" : "NOT MET", run.rate(), artemisTx1.perSecond(), sftpHub.perSecond(), lower / 2);
        }
    }

    // ---------------------------------------------------------------------------------------------- end to end

    record EndToEnd(long firstPost, long lastAccepted, long lastFile, int n, Histogram latency,
            long sampledPeakHeap, long poolPeakHeap, int overflows, String cpu) {
        double seconds() {
            return (lastFile - firstPost) / 1e9;
        }

        double rate() {
            return n / seconds();
        }

        double acceptRate() {
            return n * 1e9 / (lastAccepted - firstPost);
        }
    }

    /**
     * Posts {@code count} requests (even numbers national, odd provincial) from {@code clients} threads and waits
     * for every file and for every ledger row to be PUBLISHED.
     *
     * <p>Latency is taken from just before the POST is sent to the moment the final {@code <id>.json} name appears
     * in the platform's inbound folder (the rename, seen through inotify via a WatchService: one event per file,
     * no polling of folders that grow to thousands of entries, and nothing added to the hub's own code path).
     * The ledger's published_at is written later (after the rename) and only to the millisecond, so it is used
     * for the correctness check, not for timing. On an inotify overflow the folders are scanned once and files
     * not yet stamped are given the scan time (a pessimistic stamp; the count of overflows is printed).
     */
    private EndToEnd endToEnd(Hub hub, HttpClient http, JdbcClient jdbc, String prefix, int count) throws Exception {
        AtomicLongArray sent = new AtomicLongArray(count);
        Path national = hub.inbound(NATIONAL);
        Path provincial = hub.inbound(PROVINCIAL);
        Arrivals arrivals = new Arrivals(prefix, count, national, provincial);
        HeapSampler heap = new HeapSampler();
        String url = hub.url("/api/requests");
        AtomicInteger clientThreads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients,
                task -> new Thread(task, "bench-client-" + clientThreads.incrementAndGet()));
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastAccepted = new AtomicLong();
        List<Future<Integer>> workers = new ArrayList<>();
        CpuBudget cpu = new CpuBudget();
        heap.start();
        cpu.start();
        long firstPost = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int failures = 0;
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String body = Requests.recordCheck(id(prefix, i),
                            i % 2 == 0 ? Requests.SHANGHAI_XUHUI : Requests.BEIJING_HAIDIAN);
                    HttpRequest post = HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .header("Authorization", SYSTEM_LOGIN)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                    sent.set(i, System.nanoTime());
                    HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
                    lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                    if (response.statusCode() != 202) {
                        failures++;
                        System.err.println("POST " + id(prefix, i) + ": " + response.statusCode() + " " + response.body());
                    }
                }
                return failures;
            }));
        }
        int failures = 0;
        for (Future<Integer> worker : workers) {
            failures += worker.get();
        }
        assertThat(failures).as("POSTs not answered 202").isZero();

        Map<String, Long> states = awaitAll(arrivals, jdbc, prefix, "PUBLISHED", 120 + count / 50);
        String cpuSpent = cpu.stop(count, "request");
        pool.shutdown();
        arrivals.close();
        heap.stop();
        assertThat(states).as("ledger states of " + prefix + "*").containsExactly(Map.entry("PUBLISHED", (long) count));
        assertThat(arrivals.files()).as("files seen in the inbound folders").isEqualTo(count);
        try (Stream<Path> nat = Files.list(national); Stream<Path> prov = Files.list(provincial)) {
            assertThat(nat.filter(p -> p.getFileName().toString().startsWith(prefix)).count()).isEqualTo((count + 1) / 2);
            assertThat(prov.filter(p -> p.getFileName().toString().startsWith(prefix)).count()).isEqualTo(count / 2);
        }
        // right platform: even numbers national, odd provincial
        for (int i = 0; i < Math.min(count, 10); i++) {
            assertThat(Files.exists((i % 2 == 0 ? national : provincial).resolve(id(prefix, i) + ".json"))).isTrue();
        }

        return new EndToEnd(firstPost, lastAccepted.get(), last(arrivals.seen(), count), count,
                latency(sent, arrivals.seen(), count), heap.sampledPeak(), heap.poolPeak(), arrivals.overflows(),
                cpuSpent);
    }

    // ------------------------------------------------------------------------------------------------ ceilings

    /**
     * N authenticated calls that the hub answers without storing anything, from the same clients as the run: what
     * an HTTP call costs on both ends before intake does its own work.
     */
    private Ceiling httpCeiling(Hub hub, HttpClient http) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients, task -> new Thread(task, "bench-http-ceiling"));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        Ceiling ceiling = Ceilings.measure(n, () -> {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        HttpRequest get = HttpRequest.newBuilder(URI.create(hub.url("/api/requests/NONE-" + i)))
                                .header("Authorization", SYSTEM_LOGIN).GET().build();
                        if (http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() != 404) {
                            unexpected.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        });
        pool.shutdown();
        assertThat(unexpected.get()).as("calls not answered 404").isZero();
        return ceiling;
    }

    /**
     * N files of the payload's size through Camel's sftp producer with the route's options (temp name, then
     * rename; host keys verified), each into a fresh folder on the simulator, spread over {@code sessions} per
     * platform: one producer (one SFTP session) per thread, like one publish route each.
     *
     * @return files/s, N over the time from the first upload to the last, and the CPU each took
     */
    private Ceiling sftpCeiling(Hub hub, Map<String, Integer> sessions, byte[] payload, String tag) throws Exception {
        CamelContext camel = hub.bean(CamelContext.class);
        PlatformsProperties platforms = hub.bean(PlatformsProperties.class);
        String folder = "ceiling-" + tag;
        List<Producer> producers = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : sessions.entrySet()) {
            PlatformProperties platform = platforms.get(entry.getKey());
            Path local = hub.simulator().root(entry.getKey()).resolve(folder);
            Files.createDirectories(local);
            folders.add(local);
            Endpoint endpoint = camel.getEndpoint(SftpConnection.uri(platform, folder, ROUTE_SFTP_OPTIONS));
            for (int s = 0; s < entry.getValue(); s++) {
                Producer producer = endpoint.createProducer();
                producer.start();
                // connect before the clock starts, as the routes' sessions are open before requests come
                send(producer, camel, "warm-" + producers.size() + ".json", payload);
                producers.add(producer);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(producers.size());
        AtomicInteger next = new AtomicInteger();
        Map<Integer, Integer> perProducer = new ConcurrentHashMap<>();
        Ceiling ceiling = Ceilings.measure(n, () -> {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < producers.size(); p++) {
                Producer producer = producers.get(p);
                int index = p;
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        send(producer, camel, "C-" + i + ".json", payload);
                        perProducer.merge(index, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        });
        pool.shutdown();
        for (Producer producer : producers) {
            producer.stop();
        }
        long count = 0;
        for (Path local : folders) {
            try (Stream<Path> list = Files.list(local)) {
                count += list.filter(p -> p.getFileName().toString().startsWith("C-")
                        && p.getFileName().toString().endsWith(".json")).count();
            }
        }
        assertThat(count).as("files uploaded to " + folder).isEqualTo(n);
        return ceiling;
    }

    private static void send(Producer producer, CamelContext camel, String name, byte[] payload) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
        exchange.getMessage().setBody(payload);
        producer.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
    }

    // ------------------------------------------------------------------------------------------------- output

    private void printSettings(Hub hub, List<String> settings) throws IOException {
        Environment env = hub.bean(Environment.class);
        PlatformsProperties platforms = hub.bean(PlatformsProperties.class);
        StringBuilder publishers = new StringBuilder();
        platforms.platforms().forEach((name, p) -> publishers.append(name).append('=').append(p.publishers()).append(' '));
        System.out.printf(Locale.ROOT, "%n== settings ==%n");
        System.out.printf(Locale.ROOT, "publishers per platform   %s%n", publishers.toString().strip());
        System.out.printf(Locale.ROOT, "journal buffer timeout    %s%n", hub.bean(BrokerProperties.class).journalBufferTimeout());
        System.out.printf(Locale.ROOT, "HTTP clients              %d concurrent (java.net.http, HTTP/1.1, platform threads)%n", clients);
        System.out.printf(Locale.ROOT, "tomcat threads            %s%n", env.getProperty("server.tomcat.threads.max", "200 (default)"));
        System.out.printf(Locale.ROOT, "hikari pool               %s%n", env.getProperty("spring.datasource.hikari.maximum-pool-size", "10 (default)"));
        System.out.printf(Locale.ROOT, "ledger                    %s%n", env.getProperty("spring.datasource.url"));
        System.out.printf(Locale.ROOT, "warm-up requests          %d%n", warmup);
        System.out.printf(Locale.ROOT, "bench overrides           %s%n", settings);
        System.out.println(BenchSupport.machine());
        System.out.println(BenchSupport.fileCreationCost(dir));
    }
}
