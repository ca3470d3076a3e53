package org.coophub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.coophub.privacy.IdNumbers;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.routing.BureauProperties;
import org.coophub.routing.Provinces;
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
 * province on the national platform, from our own province on the provincial one;</li>
 * <li>collects our replies to those requests as a platform would: each complete {@code our-replies/<id>.json}
 * moves with the attachments it names into {@code our-replies/.done/}, so that the names are free again for the
 * next reply (coophub waits rather than overwrite a file another reply left there).</li>
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

    private static final Logger log = LoggerFactory.getLogger(PlatformCounterpart.class);
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final String JSON = ".json";

    /** Bureaus that send us requests, with the abbreviation their case numbers start with. */
    private static final List<Region> REGIONS = List.of(
            new Region("110101", "北京市公安局东城分局", "京东公"),
            new Region("110102", "北京市公安局西城分局", "京西公"),
            new Region("110105", "北京市公安局朝阳分局", "京朝公"),
            new Region("110108", "北京市公安局海淀分局", "京海公"),
            new Region("310101", "上海市公安局黄浦分局", "沪黄公"),
            new Region("310104", "上海市公安局徐汇分局", "沪徐公"),
            new Region("320102", "南京市公安局玄武分局", "宁玄公"),
            new Region("330106", "杭州市公安局西湖区分局", "杭西公"),
            new Region("420106", "武汉市公安局武昌区分局", "武昌公"),
            new Region("440104", "广州市公安局越秀区分局", "穗越公"),
            new Region("440305", "深圳市公安局南山分局", "深南公"),
            new Region("500103", "重庆市公安局渝中区分局", "渝中公"),
            new Region("510107", "成都市公安局武侯区分局", "成武公"));
    private static final List<String> NAMES = List.of("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏",
            "周杰", "吴婷");
    private static final List<String> ROOMS = List.of("刑侦支队", "预审一室", "预审二室", "经侦大队", "城关派出所");

    private final Clock clock;
    private final String ourRegion;
    private final Map<String, Side> sides = new TreeMap<>();
    private final ScheduledExecutorService executor;
    private final CounterpartReplies replies;

    @Autowired
    public PlatformCounterpart(CounterpartProperties settings, PlatformSimulator simulator,
            PlatformsProperties platforms, BureauProperties bureau, Clock clock) {
        this(settings, simulator, platforms.platforms(), bureau, clock);
    }

    /** Plays the other regions on every platform the simulator serves, starting at once. */
    public PlatformCounterpart(CounterpartProperties settings, PlatformSimulator simulator,
            Map<String, PlatformProperties> platforms, BureauProperties bureau, Clock clock) {
        this.clock = clock;
        this.ourRegion = bureau.code().substring(0, 6);
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
        this.executor = executor();
        for (Side side : sides.values()) {
            executor.scheduleWithFixedDelay(guarded(side, "scanning inbound", () -> scan(side)), 0, POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
            executor.scheduleWithFixedDelay(guarded(side, "collecting our replies", () -> collect(side)), POLL_MILLIS,
                    POLL_MILLIS, TimeUnit.MILLISECONDS);
            Duration interval = settings.inboundInterval();
            if (!interval.isZero()) {
                executor.scheduleAtFixedRate(guarded(side, "sending a request", () -> send(side)),
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
        return send(side(platform));
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

    // --- our replies

    private void collect(Side side) {
        List<Path> complete = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(side.ourReplies, "*" + JSON)) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
                    complete.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path reply : complete) {
            try {
                Path done = Files.createDirectories(side.ourReplies.resolve(".done"));
                for (JsonNode attachment : MAPPER.readTree(reply.toFile()).path("attachments")) {
                    Path file = side.ourReplies.resolve(attachment.path("name").asText()).normalize();
                    if (file.getParent().equals(side.ourReplies) && Files.isRegularFile(file)) {
                        Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(reply, done.resolve(reply.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.warn("Could not collect our reply {} on {}: {}", reply.getFileName(), side.name, e.getMessage());
            }
        }
    }

    // --- requests to our bureau

    private String send(Side side) {
        synchronized (side) {
            Random random = side.random;
            OffsetDateTime now = now(clock);
            String id;
            do {
                id = "SIM-" + side.name.toUpperCase(Locale.ROOT) + "-" + ID_TIME.format(now) + "-"
                        + side.sent.incrementAndGet();
            } while (CounterpartReplies.presentOrTaken(side.requests, id));

            Region from = from(side.scope, random);
            RequestType type = RequestType.values()[random.nextInt(RequestType.values().length)];
            Priority priority = random.nextInt(5) == 0 ? Priority.URGENT : Priority.ROUTINE;
            String idNumber = idNumber(ourRegion, random);

            ObjectNode request = MAPPER.createObjectNode();
            request.put("requestId", id);
            request.put("type", type.name());
            request.put("priority", priority.name());
            request.put("requestingRoom", ROOMS.get(random.nextInt(ROOMS.size())));
            request.put("targetRegion", ourRegion);
            request.put("scope", side.scope.name());
            request.put("caseNumber", String.format("%s(刑)字[%d]%04d号", from.abbreviation, now.getYear(),
                    1 + random.nextInt(9999)));
            ObjectNode subject = request.putArray("subjects").addObject();
            subject.put("name", NAMES.get(random.nextInt(NAMES.size())));
            subject.put("idNumber", idNumber);
            request.put("details", details(type));
            request.put("createdAt", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            request.put("fromRegion", from.code);
            ObjectNode unit = request.putObject("fromUnit");
            unit.put("code", from.code + "000000");
            unit.put("name", from.unit);
            try {
                Files.createDirectories(side.requests);
                SimulatorFiles.writeAtomically(side.requests.resolve(id + JSON), MAPPER.writeValueAsBytes(request));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.info("Platform counterpart '{}': {} sent {} request {} about {} as {}/{}", side.name, from.code,
                    type, id, IdNumbers.mask(idNumber), side.requests.getFileName(), id + JSON);
            return id;
        }
    }

    /** Another province for the national platform, our own province (but not our region) for the provincial one. */
    private Region from(Scope scope, Random random) {
        String ownProvince = ourRegion.substring(0, 2);
        List<Region> candidates = REGIONS.stream()
                .filter(r -> (scope == Scope.PROVINCIAL) == r.code.startsWith(ownProvince))
                .filter(r -> !r.code.equals(ourRegion))
                .toList();
        if (!candidates.isEmpty()) {
            return candidates.get(random.nextInt(candidates.size()));
        }
        // a province we have no bureau for: its capital's prefecture-level code (or the province itself)
        String code = (ownProvince + "0100").equals(ourRegion) ? ownProvince + "0000" : ownProvince + "0100";
        return new Region(code, Provinces.name(ownProvince) + " simulated bureau", "SIM");
    }

    /** A valid GB 11643 number of someone born in the region between 1960 and 2002. */
    static String idNumber(String region, Random random) {
        String first17 = String.format("%s%04d%02d%02d%03d", region, 1960 + random.nextInt(43), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        return first17 + IdNumbers.checkCharacter(first17);
    }

    private static String details(RequestType type) {
        return switch (type) {
            case CASE_VERIFICATION -> "请协助核实该案件当事人的有关情况。Please verify the case facts concerning this person.";
            case PARTY_STATEMENT -> "请协助查找当事人并制作询问笔录。Please locate the party and take a statement.";
            case RECORD_CHECK -> "请协助核查户籍信息及前科记录。Please check household registration and criminal record.";
        };
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

    private record Region(String code, String unit, String abbreviation) {
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
