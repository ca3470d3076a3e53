package org.coophub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.coophub.hashing.Sha256;
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
 * <li>watches {@code inbound/} (every {@value #POLL_MILLIS} ms) for the requests coophub publishes
 * ({@code <requestId>.json}; {@code *.part} and dot-files are ignored) and answers each one once: after
 * {@code reply-delay}, or {@code late-delay} for the late share, counted from the request file's modification time so
 * that a restart does not push a reply back. A request with a reply named {@code <requestId>.json} in
 * {@code replies/}, {@code replies/.done/} or {@code replies/.error/} is never answered again, also by a later
 * counterpart on the same folders;</li>
 * <li>writes the reply as {@code replies/<requestId>.json}: its attachment (if any) first, then the JSON, each under
 * a {@code .part} name renamed when complete;</li>
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
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String JSON = ".json";
    /** Where the hub may move a reply (or request) once it has taken it. */
    private static final List<String> TAKEN_FOLDERS = List.of("", ".done", ".error");

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

    private final CounterpartProperties settings;
    private final Clock clock;
    private final String ourRegion;
    private final long seed;
    private final Map<String, Side> sides = new TreeMap<>();
    private final ScheduledExecutorService executor;
    private final AtomicLong repliesWritten = new AtomicLong();

    @Autowired
    public PlatformCounterpart(CounterpartProperties settings, PlatformSimulator simulator,
            PlatformsProperties platforms, BureauProperties bureau, Clock clock) {
        this(settings, simulator, platforms.platforms(), bureau, clock);
    }

    /** Plays the other regions on every platform the simulator serves, starting at once. */
    public PlatformCounterpart(CounterpartProperties settings, PlatformSimulator simulator,
            Map<String, PlatformProperties> platforms, BureauProperties bureau, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.ourRegion = bureau.code().substring(0, 6);
        this.seed = settings.seed() != 0 ? settings.seed() : new Random().nextLong();
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
        Side side = side(platform);
        Path file = side.inbound.resolve(requestId + JSON).normalize();
        if (!file.getParent().equals(side.inbound) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no request " + requestId + " in " + side.inbound);
        }
        side.seen.add(requestId);
        Plan plan = plan(side, requestId, file);
        return plan != null && reply(side, plan);
    }

    /** Sends one request from another region to our bureau on a platform now; returns its requestId. */
    public String sendInboundRequest(String platform) {
        return send(side(platform));
    }

    /** Replies this counterpart has written, on all platforms. */
    public long repliesWritten() {
        return repliesWritten.get();
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

    // --- replies

    private void scan(Side side) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(side.inbound, "*" + JSON)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && name.length() > JSON.length() && Files.isRegularFile(file)
                        && !side.seen.contains(stem(name))) {
                    found.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            return; // the folder comes back with the simulator's next start
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        for (Path file : found) {
            String requestId = stem(file.getFileName().toString());
            if (!side.seen.add(requestId) || presentOrTaken(side.replies, requestId)) {
                continue;
            }
            Plan plan = plan(side, requestId, file);
            if (plan != null) {
                long wait = Math.max(0, plan.due - System.currentTimeMillis());
                executor.schedule(guarded(side, "replying to " + requestId, () -> reply(side, plan)), wait,
                        TimeUnit.MILLISECONDS);
            }
        }
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

    /** Decides everything about a reply (from the seed and the requestId, so it is repeatable); null if unreadable. */
    private Plan plan(Side side, String requestId, Path file) {
        JsonNode request;
        long published;
        try {
            request = MAPPER.readTree(Files.readAllBytes(file));
            published = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            log.warn("Platform counterpart '{}': cannot read the request {} ({}), not answering it", side.name,
                    file.getFileName(), e.getMessage());
            return null;
        }
        Random random = new Random(seed ^ mix(side.name + "/" + requestId));
        boolean late = random.nextDouble() < settings.lateShare();
        boolean attachment = random.nextDouble() < settings.attachmentShare();
        int pick = random.nextInt(10);
        String result = pick < 8 ? "FOUND" : pick == 8 ? "NOT_FOUND" : "DONE";
        Duration delay = late ? settings.lateDelay() : settings.replyDelay();
        return new Plan(requestId, text(request, "targetRegion"), text(request, "type"), result, attachment, late,
                published + delay.toMillis());
    }

    private boolean reply(Side side, Plan plan) {
        synchronized (side) {
            if (presentOrTaken(side.replies, plan.requestId)) {
                return false;
            }
            String region = plan.targetRegion != null && plan.targetRegion.matches("\\d{6}") ? plan.targetRegion
                    : ourRegion;
            String province = region.substring(0, 2);
            String unitCode = region + "000000";
            String unitName = (Provinces.isProvince(province) ? Provinces.name(province) + " " : "")
                    + "simulated bureau";
            String repliedAt = now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

            ObjectNode reply = MAPPER.createObjectNode();
            reply.put("requestId", plan.requestId);
            ObjectNode unit = reply.putObject("replyingUnit");
            unit.put("code", unitCode);
            unit.put("name", unitName);
            reply.put("result", plan.result);
            reply.put("content", content(plan));
            reply.put("repliedAt", repliedAt);
            ArrayNode attachments = reply.putArray("attachments");
            try {
                Files.createDirectories(side.replies);
                if (plan.attachment) {
                    String name = plan.requestId + "-statement.txt";
                    byte[] statement = statement(plan, unitCode, unitName, repliedAt);
                    SimulatorFiles.writeAtomically(side.replies.resolve(name), statement);
                    ObjectNode entry = attachments.addObject();
                    entry.put("name", name);
                    entry.put("sha256", Sha256.hex(statement));
                    entry.put("size", statement.length);
                }
                SimulatorFiles.writeAtomically(side.replies.resolve(plan.requestId + JSON),
                        MAPPER.writeValueAsBytes(reply));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            repliesWritten.incrementAndGet();
            log.info("Platform counterpart '{}': {} replied {} to {}{} as {}/{}{}", side.name, unitCode, plan.result,
                    plan.requestId, plan.late ? " (late)" : "", side.replies.getFileName(), plan.requestId + JSON,
                    plan.attachment ? " with " + plan.requestId + "-statement.txt" : "");
            return true;
        }
    }

    private static String content(Plan plan) {
        String text = switch (plan.result) {
            case "NOT_FOUND" -> "经查，未找到相关人员或记录。Checked: no matching person or record was found.";
            case "DONE" -> "协查已办结。The assisted check is done.";
            default -> switch (plan.type == null ? "" : plan.type) {
                case "CASE_VERIFICATION" -> "经核实，案件情况属实。Verified: the case facts are confirmed.";
                case "PARTY_STATEMENT" -> "已找到当事人并制作笔录。The party was located and a statement taken.";
                default -> "已查询户籍信息，无前科记录。Household registration found; no criminal record.";
            };
        };
        return plan.attachment ? text + " 笔录见附件。Statement attached." : text;
    }

    private static byte[] statement(Plan plan, String unitCode, String unitName, String repliedAt) {
        return ("协查回复附件 / Statement attached to a reply (simulated)\n"
                + "请求编号 Request: " + plan.requestId + "\n"
                + "回复单位 Replying unit: " + unitCode + " " + unitName + "\n"
                + "结果 Result: " + plan.result + "\n"
                + "时间 Replied at: " + repliedAt + "\n"
                + "本文件由模拟平台生成。Written by the platform simulator.\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a reply named {@code <requestId>.json} is in the folder or where the hub moves what it took. */
    private static boolean presentOrTaken(Path folder, String id) {
        for (String taken : TAKEN_FOLDERS) {
            Path dir = taken.isEmpty() ? folder : folder.resolve(taken);
            if (Files.exists(dir.resolve(id + JSON))) {
                return true;
            }
        }
        return false;
    }

    // --- requests to our bureau

    private String send(Side side) {
        synchronized (side) {
            Random random = side.random;
            OffsetDateTime now = now();
            String id;
            do {
                id = "SIM-" + side.name.toUpperCase(Locale.ROOT) + "-" + ID_TIME.format(now) + "-"
                        + side.sent.incrementAndGet();
            } while (presentOrTaken(side.requests, id));

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

    private OffsetDateTime now() {
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

    private static String stem(String fileName) {
        return fileName.substring(0, fileName.length() - JSON.length());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static long mix(String text) {
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

    private record Plan(String requestId, String targetRegion, String type, String result, boolean attachment,
            boolean late, long due) {
    }

    /** One platform as the other regions see it. */
    private static final class Side {
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
