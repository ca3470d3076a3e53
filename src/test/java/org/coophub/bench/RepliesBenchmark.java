package org.coophub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.bench.BenchSupport.awaitAll;
import static org.coophub.bench.BenchSupport.first;
import static org.coophub.bench.BenchSupport.id;
import static org.coophub.bench.BenchSupport.last;
import static org.coophub.bench.BenchSupport.latency;
import static org.coophub.bench.BenchSupport.mb;
import static org.coophub.bench.BenchSupport.percentiles;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.coophub.bench.BenchSupport.Arrivals;
import org.coophub.bench.BenchSupport.CpuBudget;
import org.coophub.bench.BenchSupport.HeapSampler;
import org.coophub.bench.Ceilings.Ceiling;
import org.coophub.intake.RequestJson;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.NewRequest;
import org.coophub.platform.PlatformsProperties;
import org.coophub.platform.SftpConnection;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Scope;
import org.coophub.support.Hub;
import org.coophub.support.PlatformSide;
import org.coophub.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replies to our requests, end to end through a whole hub: reply files put on the simulated platforms' replies
 * folders are polled (routes/replies.yaml), matched and recorded in the ledger, queued, and delivered to the local
 * inbox (routes/delivery.yaml). Run once per poll interval, each on a fresh hub.
 *
 * <p>Run alone with {@code mvn -o -Pbench test -Dtest=RepliesBenchmark [-Dbench.replies=N] [-Dbench.polls=30s,1s]}
 * (see docs/benchmarks.md). Asserts only correctness (every reply recorded and delivered once, every platform file
 * moved to .done); speed is printed, never asserted.
 *
 * <p>Properties: {@code bench.replies} (N, default {@code bench.requests}, else 10000), {@code bench.polls}
 * (poll intervals to run, default {@code 30s,1s}), {@code bench.rate} (replies per second put on the platforms in
 * the measured pass; default 0, all at once: latency then measures the backlog), {@code bench.warmup} (replies taken through the same hub
 * before the measured pass, not counted; default min(2000, N/5)), {@code bench.hub} (extra hub settings, {@code key=value}
 * separated by {@code ;}).
 */
class RepliesBenchmark {

    private static final String NATIONAL = "national";
    private static final String PROVINCIAL = "provincial";
    private static final String PREFIX = "RPL-";
    private static final int BATCH = 500;
    /** The SFTP options of the poll routes in routes/replies.yaml, less the ledger's memory and the hub's logging. */
    private static final String TAKE_OPTIONS = "include=.*\\.json&streamDownload=true&move=.done&moveFailed=.error"
            + "&processStrategy=#class:org.coophub.platform.PlatformArchiving&existDirCheckUsingLs=false&delay=100"
            + "&greedy=true&maxMessagesPerPoll=10000&disconnect=false&stepwise=false&useList=true"
            + "&maximumReconnectAttempts=0&initialDelay=0";

    private final int n = Integer.getInteger("bench.replies", Integer.getInteger("bench.requests", 10_000));
    private final int warmup = Integer.getInteger("bench.warmup", Math.min(2000, n / 5));
    private final int offered = Integer.getInteger("bench.rate", 0);
    private final List<String> polls = List.of(System.getProperty("bench.polls", "30s,1s").strip().split("\\s*,\\s*"));

    @TempDir
    Path dir;

    @Test
    void replies() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String poll : polls) {
            lines.add(run(poll));
        }
        System.out.printf(Locale.ROOT, "%n== replies: N=%d, summary (target >= 1000 replies/s and p99 <= poll interval + 1 s) ==%n", n);
        System.out.printf(Locale.ROOT, "%-6s %12s %12s %10s %10s %10s %12s %9s%n", "poll", "replies/s", "drain/s",
                "p50 s", "p99 s", "max s", "peak heap MB", "target");
        lines.forEach(System.out::println);
        System.out.println();
    }

    private String run(String poll) throws Exception {
        Duration interval = Duration.parse("PT" + poll.toUpperCase(Locale.ROOT));
        Path home = dir.resolve("poll-" + poll);
        List<String> settings = BenchSupport.hubSettings(home,
                "coophub.simulator.counterpart.enabled=false",
                "coophub.platforms." + NATIONAL + ".poll-interval=" + poll,
                "coophub.platforms." + PROVINCIAL + ".poll-interval=" + poll);
        try (Hub hub = Hub.start(home, settings.toArray(String[]::new))) {
            JdbcClient jdbc = JdbcClient.create(hub.bean(DataSource.class));
            PlatformsProperties platforms = hub.bean(PlatformsProperties.class);
            System.out.printf(Locale.ROOT, "%n== replies: N=%d, poll interval %s (national %s, provincial %s) ==%n", n, poll,
                    platforms.get(NATIONAL).pollInterval(), platforms.get(PROVINCIAL).pollInterval());
            System.out.printf(Locale.ROOT, "bench overrides %s%n", settings);
            System.out.println(BenchSupport.machine());
            System.out.println(BenchSupport.fileCreationCost(dir));

            if (warmup > 0) {
                Pass warm = pass(hub, jdbc, interval, "WRM-", warmup);
                System.out.printf(Locale.ROOT, "warm-up        %d replies, %.0f replies/s (not counted)%n", warmup, warm.rate());
            }
            Pass run = pass(hub, jdbc, interval, PREFIX, n);
            AtomicLongArray placed = run.placed();
            Arrivals arrivals = run.arrivals();
            HeapSampler heap = run.heap();
            long firstPlaced = first(placed, n);
            long lastPlaced = last(placed, n);
            long firstDelivered = first(arrivals.seen(), n);
            long lastDelivered = last(arrivals.seen(), n);
            Histogram latency = latency(placed, arrivals.seen(), n);
            double rate = run.rate();
            double drain = n * 1e9 / (lastDelivered - firstDelivered);
            boolean met = rate >= 1000 && latency.getValueAtPercentile(99) <= interval.plusSeconds(1).toNanos();
            System.out.printf(Locale.ROOT, "placing        %.0f files/s (%d files, half per platform, temp name then rename, 2 threads; %s)%n",
                    n * 1e9 / (lastPlaced - firstPlaced), n, offered > 0 ? "paced at " + offered + "/s" : "all at once");
            System.out.printf(Locale.ROOT, "throughput     %.0f replies/s (N / first file placed to last inbox file renamed, %.2f s)%n",
                    rate, (lastDelivered - firstPlaced) / 1e9);
            System.out.printf(Locale.ROOT, "drain          %.0f replies/s (N / first to last inbox file; the poll phase left out)%n", drain);
            System.out.printf(Locale.ROOT, "latency        %s (file renamed on the platform -> <id>.json renamed in the inbox)%n",
                    percentiles(latency));
            jdbc.sql("""
                    SELECT MIN(recorded_at), MAX(recorded_at), MAX(delivered_at) FROM reply WHERE request_id LIKE ?""")
                    .param(PREFIX + "%").query(rs -> {
                        OffsetDateTime firstRecorded = rs.getObject(1, OffsetDateTime.class);
                        OffsetDateTime lastRecorded = rs.getObject(2, OffsetDateTime.class);
                        OffsetDateTime lastMarked = rs.getObject(3, OffsetDateTime.class);
                        System.out.printf(Locale.ROOT, "stages         polled+recorded %.0f replies/s (ledger recorded_at first to last);"
                                + " last delivered_at %d ms after last recorded_at%n",
                                n * 1000.0 / Math.max(1, Duration.between(firstRecorded, lastRecorded).toMillis()),
                                Duration.between(lastRecorded, lastMarked).toMillis());
                    });
            System.out.printf(Locale.ROOT, "peak heap      %.0f MB sampled used (sum of pool peaks %.0f MB)%n",
                    mb(heap.sampledPeak()), mb(heap.poolPeak()));
            System.out.printf(Locale.ROOT, "watcher        %d inotify overflow(s)%n", arrivals.overflows());
            System.out.print(run.cpu());
            printCeilings(hub, platforms);
            System.out.printf(Locale.ROOT, "TARGET %s - %.0f replies/s (>= 1000), p99 %.2f s (<= %s + 1 s)%n",
                    met ? "MET" : "NOT MET", rate, latency.getValueAtPercentile(99) / 1e9, poll);
            return String.format(Locale.ROOT, "%-6s %12.0f %12.0f %10.2f %10.2f %10.2f %12.0f %9s", poll, rate, drain,
                    latency.getValueAtPercentile(50) / 1e9, latency.getValueAtPercentile(99) / 1e9,
                    latency.getMaxValue() / 1e9, mb(heap.sampledPeak()), met ? "MET" : "NOT MET");
        }
    }

    /**
     * The two durable steps a reply is built on, alone, the hub idle: taking the files off the platforms (the poll
     * routes' SFTP options and sessions, each file read whole and renamed into .done, nothing else), and one
     * persistent broker hop. Their CPU per reply together is a floor under the hub's.
     */
    private void printCeilings(Hub hub, PlatformsProperties platforms) throws Exception {
        System.out.printf(Locale.ROOT, "%n== ceilings (same JVM, same broker and simulator, hub idle), N=%d ==%n", n);
        byte[] payload = PlatformSide.reply(id(PREFIX, 0), "FOUND", null, null).getBytes(StandardCharsets.UTF_8);
        Map<String, Integer> layout = new TreeMap<>();
        platforms.platforms().forEach((name, platform) -> layout.put(name, platform.pollers()));
        Ceiling take = sftpTake(hub, platforms, layout, payload);
        Ceiling artemis = Ceilings.artemis(hub, payload, n, 1);
        System.out.println(take.line("sftp take", "files",
                layout + " sessions (the poll routes' options): read whole, renamed into .done"));
        System.out.println(artemis.line("artemis", "msg", "persistent send+receive, commit per message"));
        System.out.printf(Locale.ROOT, "floor          %.2f ms of CPU per reply for taking the file and one broker hop"
                + " alone (before the ledger, the inbox file and the topic); 1000 replies/s on %d cores allow %.2f ms%n",
                take.cpuMillisPerItem() + artemis.cpuMillisPerItem(), Runtime.getRuntime().availableProcessors(),
                Ceilings.cpuMillisPerItemAt(1000));
    }

    private Ceiling sftpTake(Hub hub, PlatformsProperties platforms, Map<String, Integer> layout, byte[] payload)
            throws Exception {
        String folder = "ceiling-replies";
        List<Path> folders = new ArrayList<>();
        for (String platform : layout.keySet()) {
            Path local = hub.simulator().root(platform).resolve(folder);
            Files.createDirectories(local.resolve(".done"));
            folders.add(local);
        }
        for (int i = 0; i < n; i++) {
            PlatformSide.put(folders.get(i % folders.size()), "C-" + i + ".json", payload);
        }
        CamelContext camel = hub.bean(CamelContext.class);
        AtomicInteger taken = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicLong firstTaken = new AtomicLong();
        AtomicLong lastTaken = new AtomicLong();
        List<String> routes = new ArrayList<>();
        Ceiling ceiling = Ceilings.measure(n, () -> {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    layout.forEach((platform, sessions) -> {
                        for (int s = 0; s < sessions; s++) {
                            String routeId = "bench-take-" + platform + "-" + s;
                            routes.add(routeId);
                            from(SftpConnection.uri(platforms.get(platform), folder, TAKE_OPTIONS
                                    + "&filter=#class:org.coophub.platform.PollShard(" + s + ", " + sessions + ")"))
                                    .routeId(routeId).streamCache("false")
                                    .process(exchange -> {
                                        firstTaken.compareAndSet(0, System.nanoTime());
                                        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
                                            bytes.addAndGet(in.transferTo(OutputStream.nullOutputStream()));
                                        }
                                        taken.incrementAndGet();
                                        lastTaken.accumulateAndGet(System.nanoTime(), Math::max);
                                    });
                        }
                    });
                }
            });
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5)).until(() -> taken.get() >= n);
        });
        for (String route : routes) {
            camel.getRouteController().stopRoute(route);
            camel.removeRoute(route);
        }
        assertThat(taken.get()).as("files taken").isEqualTo(n);
        assertThat(bytes.get()).as("bytes read").isEqualTo((long) n * payload.length);
        for (Path local : folders) {
            assertThat(count(local, "C-", ".json")).as("files left in " + local).isZero();
        }
        // the rate from the first file taken to the last, the routes' start and logins left out; the CPU of it all
        return new Ceiling(n * 1e9 / (lastTaken.get() - firstTaken.get()), ceiling.cpuMillisPerItem());
    }

    record Pass(AtomicLongArray placed, Arrivals arrivals, HeapSampler heap, int count, String cpu) {
        /** count / (first file placed -> last inbox file renamed) */
        double rate() {
            return count * 1e9 / (last(arrivals.seen(), count) - first(placed, count));
        }
    }

    /**
     * One pass: {@code count} requests PUBLISHED in the ledger (ids {@code <prefix><i>}), their reply files put on
     * the platforms, and waited for until every one is delivered; asserts that each was recorded and delivered once
     * and moved to .done.
     */
    private Pass pass(Hub hub, JdbcClient jdbc, Duration interval, String prefix, int count) throws Exception {
        long t0 = System.nanoTime();
        publishedRequests(hub, prefix, count);
        System.out.printf(Locale.ROOT, "setup          %d OUTBOUND requests PUBLISHED in the ledger in %.1f s (not measured)%n",
                count, (System.nanoTime() - t0) / 1e9);

        Path inbox = hub.inbox().resolve("replies");
        Path[] replies = {hub.platformFolder(NATIONAL, "replies"), hub.platformFolder(PROVINCIAL, "replies")};
        Arrivals arrivals = new Arrivals(prefix, count, inbox);
        HeapSampler heap = new HeapSampler();
        heap.start();
        CpuBudget cpu = new CpuBudget();
        cpu.start();
        AtomicLongArray placed = place(replies, prefix, count, prefix.equals(PREFIX) ? offered : 0);
        Map<String, Long> states = awaitAll(arrivals, jdbc, prefix, "REPLIED", 120 + 3 * interval.toSeconds() + count / 20);
        String cpuSpent = cpu.stop(count, "reply");
        arrivals.close();
        heap.stop();

        assertThat(states).as("ledger states of " + prefix + "*").containsExactly(Map.entry("REPLIED", (long) count));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reply WHERE request_id LIKE ? AND delivered_at IS NOT NULL")
                .param(prefix + "%").query(Long.class).single()).as("replies delivered in the ledger").isEqualTo(count);
        assertThat(arrivals.files()).as("reply files seen in the inbox").isEqualTo(count);
        assertThat(count(inbox, prefix, ".json")).as("reply files in the inbox").isEqualTo(count);
        for (int p = 0; p < replies.length; p++) {
            int expected = p == 0 ? (count + 1) / 2 : count / 2;
            Path folder = replies[p];
            // a file moves to .done when its exchange completes, which can be just after the local delivery
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(count(folder, prefix, ".json")).as("reply files left on " + folder).isZero();
                assertThat(count(folder.resolve(".done"), prefix, ".json")).as("reply files in .done of " + folder)
                        .isEqualTo(expected);
            });
        }

        return new Pass(placed, arrivals, heap, count, cpuSpent);
    }

    /**
     * N OUTBOUND requests (even national, odd provincial), admitted and marked PUBLISHED straight through the hub's
     * Ledger in transactions of {@value #BATCH}: replies must match a request we published, and publishing is
     * measured by PublishingBenchmark.
     */
    private void publishedRequests(Hub hub, String prefix, int count) {
        Ledger ledger = hub.ledger();
        TransactionTemplate transaction = hub.bean(TransactionTemplate.class);
        for (int from = 0; from < count; from += BATCH) {
            int start = from;
            transaction.executeWithoutResult(status -> {
                for (int i = start; i < Math.min(count, start + BATCH); i++) {
                    boolean national = i % 2 == 0;
                    CooperationRequest request = RequestJson.read(Requests.recordCheck(id(prefix, i),
                            national ? Requests.SHANGHAI_XUHUI : Requests.BEIJING_HAIDIAN).getBytes(StandardCharsets.UTF_8));
                    Scope scope = national ? Scope.NATIONAL : Scope.PROVINCIAL;
                    byte[] payload = RequestJson.write(request, scope);
                    ledger.admit(NewRequest.outbound(request, scope, national ? NATIONAL : PROVINCIAL, "REST",
                            PlatformSide.sha256(payload), new String(payload, StandardCharsets.UTF_8)), "accepted (benchmark)");
                    ledger.markPublished(request.requestId(), "inbound/" + request.requestId() + ".json");
                }
            });
        }
    }

    /**
     * Puts the N reply files, one thread per platform (even ids national, odd provincial), each written under a
     * temporary name and renamed, as a platform does (PlatformSide.put): as fast as possible, or file i at
     * i / {@code perSecond} seconds from the start. A file's appearance time is taken right after its rename returns.
     */
    private AtomicLongArray place(Path[] folders, String prefix, int count, int perSecond) throws Exception {
        AtomicLongArray placed = new AtomicLongArray(count);
        List<Thread> threads = new ArrayList<>();
        for (Path folder : folders) {
            Files.createDirectories(folder);
        }
        long start = System.nanoTime();
        for (int p = 0; p < folders.length; p++) {
            int platform = p;
            Thread thread = new Thread(() -> {
                for (int i = platform; i < count; i += folders.length) {
                    if (perSecond > 0) {
                        long due = start + i * 1_000_000_000L / perSecond;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    String id = id(prefix, i);
                    PlatformSide.put(folders[platform], id + ".json", PlatformSide.reply(id, "FOUND", null, null));
                    placed.set(i, System.nanoTime());
                }
            }, "bench-platform-" + p);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return placed;
    }

    private static long count(Path folder, String prefix, String suffix) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).count();
        }
    }
}
