package org.coophub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the benchmarks share: hub settings, file arrival stamps, latency histograms, heap sampling, units. */
final class BenchSupport {

    private BenchSupport() {
    }

    /**
     * Hub logs to a file, as in production (the console threshold is OFF), so that tens of thousands of INFO lines
     * do not travel through surefire's pipe to the Maven console; then the {@code bench.hub} overrides
     * ({@code key=value} separated by {@code ;}), to try a tuning without editing config/application.yaml.
     */
    static List<String> hubSettings(Path dir, String... fixed) {
        List<String> settings = new ArrayList<>();
        settings.add("logging.file.name=" + dir.resolve("hub.log"));
        settings.add("logging.threshold.console=OFF");
        settings.add("coophub.simulator.root=" + simulatedPlatformsRoot(dir));
        settings.addAll(List.of(fixed));
        String extra = System.getProperty("bench.hub", "").strip();
        if (!extra.isEmpty()) {
            settings.addAll(List.of(extra.split(";")));
        }
        return settings;
    }

    /**
     * The simulated platforms stand in for servers on other machines: their files go to tmpfs ({@code /dev/shm})
     * where there is one, so that the platforms' own disk work (on this machine's ext4, creating tens of thousands
     * of files costs more CPU in inode allocation than the SFTP transfer) is not charged to the hub. The hub's own
     * data (broker journal, ledger, local inbox) stays on disk under {@code dir}. Removed when the JVM exits.
     */
    static Path simulatedPlatformsRoot(Path dir) {
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
            return dir.resolve("platforms");
        }
        Path root = shm.resolve("coophub-bench-" + ProcessHandle.current().pid() + "-" + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + root + ": " + e);
            }
        }));
        return root;
    }

    /** The machine and JVM a run is on, with the JVM options given (the JIT setting among them). */
    static String machine() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList();
        return String.format(Locale.ROOT, "cpus %d, max heap %.0f MB, java %s, jvm options %s",
                Runtime.getRuntime().availableProcessors(), mb(Runtime.getRuntime().maxMemory()),
                System.getProperty("java.version"), options);
    }

    /**
     * What creating a small file costs in {@code folder} (written under a temporary name, then renamed, as the hub
     * writes the local inbox), in CPU microseconds per file. On this VM's ext4 it ranges from ~100 to ~900 µs by
     * folder, where tmpfs takes ~20: the kernel scans for a free inode past recently deleted ones. The hub's data
     * folder is the JVM's temp folder; choose another with {@code -Dbench.jvm=-Djava.io.tmpdir=<folder>}.
     */
    static String fileCreationCost(Path folder) throws IOException {
        int files = 300;
        Path probe = Files.createTempDirectory(folder, "disk-probe");
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        long micros;
        try {
            createFiles(probe, "warm-up-", files / 10);
            long start = clock.getCurrentThreadCpuTime();
            createFiles(probe, "", files);
            micros = (clock.getCurrentThreadCpuTime() - start) / 1000 / files;
        } finally {
            try (Stream<Path> written = Files.list(probe)) {
                for (Path file : written.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(probe);
        }
        return String.format(Locale.ROOT, "disk           creating a file in %s costs %d µs of CPU (write + rename, %d files)",
                folder, micros, files);
    }

    private static void createFiles(Path folder, String prefix, int files) throws IOException {
        for (int i = 0; i < files; i++) {
            Path partial = folder.resolve(prefix + i + ".json.part");
            Files.writeString(partial, "x".repeat(400));
            Files.move(partial, folder.resolve(prefix + i + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** {@code <prefix><i as 6 digits>}: the request ids of a run. */
    static String id(String prefix, int i) {
        return prefix + String.format(Locale.ROOT, "%06d", i);
    }

    /** {@code COUNT(*) GROUP BY state} of the run's requests. */
    static Map<String, Long> states(JdbcClient jdbc, String prefix) {
        Map<String, Long> states = new HashMap<>();
        jdbc.sql("SELECT state, COUNT(*) FROM cooperation_request WHERE request_id LIKE ? GROUP BY state")
                .param(prefix + "%")
                .query(rs -> {
                    states.put(rs.getString(1), rs.getLong(2));
                });
        return states;
    }

    /**
     * Waits (at most {@code timeoutSeconds}) until every file has been seen and then until the ledger has every
     * request of the run in {@code state}; the ledger is counted only once every file is seen, so that the test's
     * scan does not load H2 meanwhile. Returns the last count.
     */
    static Map<String, Long> awaitAll(Arrivals arrivals, JdbcClient jdbc, String prefix, String state,
            long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Map<String, Long> states = Map.of();
        while (System.nanoTime() < deadline) {
            if (arrivals.files() >= arrivals.count) {
                states = states(jdbc, prefix);
                if (states.getOrDefault(state, 0L) >= arrivals.count) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        return states.isEmpty() ? states(jdbc, prefix) : states;
    }

    /** Latency of each i from {@code from[i]} to {@code to[i]} (ns), and the last {@code to}. */
    static Histogram latency(AtomicLongArray from, AtomicLongArray to, int count) {
        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
        for (int i = 0; i < count; i++) {
            latency.recordValue(Math.max(0, to.get(i) - from.get(i)));
        }
        return latency;
    }

    static long last(AtomicLongArray stamps, int count) {
        long last = 0;
        for (int i = 0; i < count; i++) {
            last = Math.max(last, stamps.get(i));
        }
        return last;
    }

    static long first(AtomicLongArray stamps, int count) {
        long first = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            first = Math.min(first, stamps.get(i));
        }
        return first;
    }

    static String percentiles(Histogram latency) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /**
     * When each final {@code <prefix><i>.json} name appears in some folders (after the writer's atomic rename), seen
     * through a {@code WatchService} (inotify, {@code ENTRY_CREATE} covers {@code IN_MOVED_TO}): one event per file,
     * no scanning of folders that grow to thousands of entries, and nothing added to the hub's code path. On an
     * inotify overflow the folders are scanned once and files not yet stamped get the scan time (pessimistic; the
     * overflows are counted and printed).
     */
    static final class Arrivals implements AutoCloseable {
        private final String prefix;
        private final int count;
        private final List<Path> folders;
        private final AtomicLongArray seen;
        private final AtomicInteger files = new AtomicInteger();
        private final AtomicInteger overflows = new AtomicInteger();
        private final WatchService watch;
        private final Thread thread;

        Arrivals(String prefix, int count, Path... folders) throws IOException {
            this.prefix = prefix;
            this.count = count;
            this.folders = List.of(folders);
            this.seen = new AtomicLongArray(count);
            this.watch = FileSystems.getDefault().newWatchService();
            for (Path folder : folders) {
                Files.createDirectories(folder);
                folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            }
            this.thread = new Thread(this::run, "bench-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (files.get() < count) {
                    WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
                    if (key == null) {
                        continue;
                    }
                    long now = System.nanoTime();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            overflows.incrementAndGet();
                            for (Path folder : folders) {
                                try (Stream<Path> list = Files.list(folder)) {
                                    list.forEach(p -> stamp(p.getFileName().toString(), now));
                                }
                            }
                        } else {
                            stamp(event.context().toString(), now);
                        }
                    }
                    key.reset();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void stamp(String name, long now) {
            if (!name.startsWith(prefix) || !name.endsWith(".json")) {
                return; // a temporary .part name, or another run's file
            }
            int i = Integer.parseInt(name.substring(prefix.length(), name.length() - ".json".length()));
            if (seen.compareAndSet(i, 0, now)) {
                files.incrementAndGet();
            }
        }

        int files() {
            return files.get();
        }

        int overflows() {
            return overflows.get();
        }

        AtomicLongArray seen() {
            return seen;
        }

        @Override
        public void close() throws Exception {
            thread.join(1000);
            watch.close();
        }
    }

    /** Used heap sampled every 20 ms, and the sum of the heap pools' peaks (an upper bound) since start. */
    static final class HeapSampler {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long sampledPeak() {
            return peak.get();
        }

        long poolPeak() {
            return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }
    }

    /**
     * CPU time spent during a measured window, split by who spent it, from per-thread CPU clocks: the hub's own
     * threads; the simulated platforms' SSH/SFTP server threads ({@code sshd-*}), which on a real deployment run
     * on the platforms' machines; the benchmark's load generator (its HTTP clients, file writers, watchers); and
     * the rest of the process (JIT compiler and GC threads, which the thread clocks do not list, and threads that
     * ended during the window).
     */
    static final class CpuBudget {

        private static final String HTTP = "HTTP (Tomcat threads)";
        private static final String ROUTES = "routes (Camel threads)";
        private static final String BROKER = "Artemis (server, client)";
        private static final String SFTP_CLIENT = "SFTP client sessions";
        private static final String OTHER = "other hub threads";

        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final Map<Long, Long> startByThread = new HashMap<>();
        private long processStart;
        private long wallStart;

        void start() {
            startByThread.clear();
            for (long id : threads.getAllThreadIds()) {
                startByThread.put(id, Math.max(0, threads.getThreadCpuTime(id)));
            }
            processStart = os.getProcessCpuTime();
            wallStart = System.nanoTime();
        }

        /** One line per spender: CPU seconds in the window and milliseconds per item handled. */
        String stop(int items, String item) {
            long wall = System.nanoTime() - wallStart;
            long process = os.getProcessCpuTime() - processStart;
            Map<String, Long> spent = new java.util.LinkedHashMap<>();
            Map<String, Long> hub = new java.util.LinkedHashMap<>();
            for (String part : List.of(HTTP, ROUTES, BROKER, SFTP_CLIENT, OTHER)) {
                hub.put(part, 0L);
            }
            spent.put("hub", 0L);
            spent.put("simulated platforms (sshd)", 0L);
            spent.put("load generator (benchmark)", 0L);
            for (long id : threads.getAllThreadIds()) {
                java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
                long now = threads.getThreadCpuTime(id);
                if (info == null || now < 0) {
                    continue;
                }
                long used = now - startByThread.getOrDefault(id, 0L);
                String who = spender(info.getThreadName());
                spent.merge(who, used, Long::sum);
                if (who.equals("hub")) {
                    hub.merge(hubPart(info.getThreadName()), used, Long::sum);
                }
            }
            long named = spent.values().stream().mapToLong(Long::longValue).sum();
            spent.put("JIT, GC, VM, ended threads", Math.max(0, process - named));
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "cpu            %.1f s of CPU in %.1f s on %d cores (%.0f%% busy); per %s:%n", process / 1e9,
                    wall / 1e9, Runtime.getRuntime().availableProcessors(),
                    100.0 * process / wall / Runtime.getRuntime().availableProcessors(), item));
            spent.forEach((who, nanos) -> {
                out.append(String.format(Locale.ROOT, "               %-28s %6.2f ms%n", who, nanos / 1e6 / items));
                if (who.equals("hub")) {
                    hub.forEach((part, partNanos) -> out.append(String.format(Locale.ROOT,
                            "                 %-26s %6.2f ms%n", part, partNanos / 1e6 / items)));
                }
            });
            return out.toString();
        }

        /** The hub's threads by what they run, from the names Tomcat, Camel, Artemis and JSch give them. */
        private static String hubPart(String thread) {
            if (thread.startsWith("http-nio")) {
                return HTTP;
            }
            if (thread.startsWith("Camel (")) {
                return ROUTES;
            }
            if (thread.contains("ActiveMQ") || thread.contains("activemq")) {
                return BROKER;
            }
            if (thread.startsWith("Connect thread")) {
                return SFTP_CLIENT;
            }
            return OTHER;
        }

        private static String spender(String thread) {
            if (thread.startsWith("sshd-")) {
                return "simulated platforms (sshd)";
            }
            if (thread.startsWith("bench-") || thread.startsWith("HttpClient-")) {
                return "load generator (benchmark)";
            }
            return "hub";
        }
    }
}
