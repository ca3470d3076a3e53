package org.coophub.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformsProperties;
import org.coophub.request.Scope;
import org.coophub.routing.BureauProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The other regions, as the simulated platforms play them, so that a newcomer sees the whole round trip without a
 * real platform. For every simulated platform it
 * <ul>
 * <li>answers every request coophub publishes in {@code inbound/} once, after {@code reply-delay} (or
 * {@code late-delay} for the late share), as {@code replies/<requestId>.json}, some with an attachment
 * ({@link CounterpartReplies});</li>
 * <li>every {@code inbound-interval} sends a request to our bureau into {@code requests/<id>.json}: from another
 * province on the national platform, from our own province on the provincial one ({@link CounterpartRequests});</li>
 * <li>collects our replies to those requests as a platform would ({@link OurRepliesCollector}).</li>
 * </ul>
 * Created only with {@code coophub.simulator.enabled=true} and {@code coophub.simulator.counterpart.enabled=true}
 * (the default), after the simulated SFTP servers; its daemon threads ({@code platform-counterpart-*}) stop on
 * shutdown.
 */
@Component
@ConditionalOnProperty(prefix = "coophub.simulator", name = "enabled", havingValue = "true")
@ConditionalOnProperty(prefix = "coophub.simulator.counterpart", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class PlatformCounterpart implements DisposableBean, AutoCloseable {

    static final long POLL_MILLIS = 500;
    /** The platforms speak China Standard Time. */
    static final ZoneOffset PLATFORM_OFFSET = ZoneOffset.ofHours(8);
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    static final String JSON = ".json";

    private static final Logger log = LoggerFactory.getLogger(PlatformCounterpart.class);

    private final Map<String, Side> sides = new TreeMap<>();
    private final ScheduledExecutorService executor;
    private final CounterpartReplies replies;
    private final CounterpartRequests requests;

    @Autowired
    public PlatformCounterpart(CounterpartProperties settings, PlatformSimulator simulator,
            PlatformsProperties platforms, BureauProperties bureau, Clock clock) {
        this(settings, simulator, platforms.platforms(), bureau, clock);
    }

    /** Plays the other regions on every platform the simulator serves, starting at once. */
    public PlatformCounterpart(CounterpartProperties settings, PlatformSimulator simulator,
            Map<String, PlatformProperties> platforms, BureauProperties bureau, Clock clock) {
        String ourRegion = bureau.code().substring(0, 6);
        long seed = settings.seed() != 0 ? settings.seed() : new Random().nextLong();
        for (String name : simulator.platforms()) {
            PlatformProperties platform = platforms.get(name);
            if (platform == null) {
                throw new IllegalArgumentException("simulated platform " + name + " is not configured");
            }
            Path root = simulator.root(name);
            PlatformProperties.Folders folders = platform.folders();
            sides.put(name, new Side(name, platform.scope(), root.resolve(folders.inbound()).normalize(),
                    root.resolve(folders.replies()).normalize(), root.resolve(folders.requests()).normalize(),
                    root.resolve(folders.ourReplies()).normalize(), new Random(seed ^ mix(name))));
        }
        this.replies = new CounterpartReplies(settings, seed, ourRegion, clock);
        this.requests = new CounterpartRequests(ourRegion, clock);
        this.executor = executor();
        for (Side side : sides.values()) {
            executor.scheduleWithFixedDelay(guarded(side, "scanning inbound", () -> scan(side)), 0, POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
            executor.scheduleWithFixedDelay(guarded(side, "collecting our replies",
                    () -> OurRepliesCollector.collect(side)), POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
            Duration interval = settings.inboundInterval();
            if (!interval.isZero()) {
                executor.scheduleAtFixedRate(guarded(side, "sending a request", () -> requests.send(side)),
                        interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        log.info("Platform counterpart playing the other regions on {}: replies after {} ({}% after {}),"
                + " requests to us {}", sides.keySet(), settings.replyDelay(),
                Math.round(settings.lateShare() * 100), settings.lateDelay(),
                interval(settings.inboundInterval()));
    }

    /**
     * Looks at a platform's {@code inbound/} now (the poll does it every {@value #POLL_MILLIS} ms) and schedules a
     * reply to every new request not answered yet.
     */
    public void scan(String platform) {
        scan(side(platform));
    }

    /**
     * Answers a request now instead of at its time, unless it has been answered already.
     *
     * @return whether a reply was written
     * @throws IllegalArgumentException if the platform has no such request in {@code inbound/}
     */
    public boolean answerNow(String platform, String requestId) {
        return replies.answerNow(side(platform), requestId);
    }

    /** Sends one request from another region to our bureau on a platform now; returns its requestId. */
    public String sendInboundRequest(String platform) {
        return requests.send(side(platform));
    }

    /** Replies this counterpart has written, on all platforms. */
    public long repliesWritten() {
        return replies.repliesWritten();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Platform counterpart threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        close();
    }

    private void scan(Side side) {
        replies.scan(side, plan -> executor.schedule(
                guarded(side, "replying to " + plan.requestId(), () -> replies.reply(side, plan)),
                Math.max(0, plan.due() - System.currentTimeMillis()), TimeUnit.MILLISECONDS));
    }

    // --- helpers

    /** Now, as the platforms write it: in their time zone, to the second. */
    static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(PLATFORM_OFFSET).truncatedTo(ChronoUnit.SECONDS);
    }

    private Runnable guarded(Side side, String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a periodic task that throws is never run again: log and go on
                log.warn("Platform counterpart '{}': failed {}: {}", side.name, what, e.toString());
            }
        };
    }

    private static ScheduledExecutorService executor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "platform-counterpart-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // one thread: the platforms' work is a few small files, and one thread keeps the seeded choices in order
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return executor;
    }

    private Side side(String platform) {
        Side side = sides.get(platform);
        if (side == null) {
            throw new IllegalArgumentException("no simulated platform named " + platform + " (simulated: "
                    + sides.keySet() + ")");
        }
        return side;
    }

    static long mix(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h * 0x9E3779B97F4A7C15L;
    }

    private static String interval(Duration interval) {
        return interval.isZero() ? "never" : "every " + interval;
    }

    /** One platform as the other regions see it. */
    static final class Side {
        final String name;
        final Scope scope;
        final Path inbound;
        final Path replies;
        final Path requests;
        final Path ourReplies;
        /** for the requests this side sends; used under the side's lock */
        final Random random;
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicLong sent = new AtomicLong();

        Side(String name, Scope scope, Path inbound, Path replies, Path requests, Path ourReplies, Random random) {
            this.ourReplies = ourReplies;
            this.name = name;
            this.scope = scope;
            this.inbound = inbound;
            this.replies = replies;
            this.requests = requests;
            this.random = random;
        }
    }
}
