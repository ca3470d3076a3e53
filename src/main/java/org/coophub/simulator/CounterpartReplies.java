package org.coophub.simulator;

import static org.coophub.simulator.PlatformCounterpart.JSON;
import static org.coophub.simulator.PlatformCounterpart.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.coophub.hashing.Sha256;
import org.coophub.routing.Provinces;
import org.coophub.simulator.PlatformCounterpart.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other regions answering the requests coophub publishes on a simulated platform. It
 * <ul>
 * <li>watches {@code inbound/} (every {@value PlatformCounterpart#POLL_MILLIS} ms) for the requests coophub publishes
 * ({@code <requestId>.json}; {@code *.part} and dot-files are ignored) and answers each one once: after
 * {@code reply-delay}, or {@code late-delay} for the late share, counted from the request file's modification time so
 * that a restart does not push a reply back. A request with a reply named {@code <requestId>.json} in
 * {@code replies/}, {@code replies/.done/} or {@code replies/.error/} is never answered again, also by a later
 * counterpart on the same folders;</li>
 * <li>writes the reply as {@code replies/<requestId>.json}: its attachment (if any) first, then the JSON, each under
 * a {@code .part} name renamed when complete.</li>
 * </ul>
 */
final class CounterpartReplies {

    private static final Logger log = LoggerFactory.getLogger(CounterpartReplies.class);
    /** Where the hub may move a reply (or request) once it has taken it. */
    private static final List<String> TAKEN_FOLDERS = List.of("", ".done", ".error");

    private final CounterpartProperties settings;
    private final long seed;
    private final String ourRegion;
    private final Clock clock;
    private final AtomicLong repliesWritten = new AtomicLong();

    CounterpartReplies(CounterpartProperties settings, long seed, String ourRegion, Clock clock) {
        this.settings = settings;
        this.seed = seed;
        this.ourRegion = ourRegion;
        this.clock = clock;
    }

    /** Hands {@code schedule} the plan of the reply to every new request in {@code inbound/} not answered yet. */
    void scan(Side side, Consumer<Plan> schedule) {
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
                schedule.accept(plan);
            }
        }
    }

    /** As {@link PlatformCounterpart#answerNow}. */
    boolean answerNow(Side side, String requestId) {
        Path file = side.inbound.resolve(requestId + JSON).normalize();
        if (!file.getParent().equals(side.inbound) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no request " + requestId + " in " + side.inbound);
        }
        side.seen.add(requestId);
        Plan plan = plan(side, requestId, file);
        return plan != null && reply(side, plan);
    }

    /** Replies written, on all platforms. */
    long repliesWritten() {
        return repliesWritten.get();
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
        Random random = new Random(seed ^ PlatformCounterpart.mix(side.name + "/" + requestId));
        boolean late = random.nextDouble() < settings.lateShare();
        boolean attachment = random.nextDouble() < settings.attachmentShare();
        int pick = random.nextInt(10);
        String result = pick < 8 ? "FOUND" : pick == 8 ? "NOT_FOUND" : "DONE";
        Duration delay = late ? settings.lateDelay() : settings.replyDelay();
        return new Plan(requestId, text(request, "targetRegion"), text(request, "type"), result, attachment, late,
                published + delay.toMillis());
    }

    boolean reply(Side side, Plan plan) {
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
            String repliedAt = PlatformCounterpart.now(clock).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

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
    static boolean presentOrTaken(Path folder, String id) {
        for (String taken : TAKEN_FOLDERS) {
            Path dir = taken.isEmpty() ? folder : folder.resolve(taken);
            if (Files.exists(dir.resolve(id + JSON))) {
                return true;
            }
        }
        return false;
    }

    private static String stem(String fileName) {
        return fileName.substring(0, fileName.length() - JSON.length());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** @param due when the reply is to be written, in epoch milliseconds */
    record Plan(String requestId, String targetRegion, String type, String result, boolean attachment,
            boolean late, long due) {
    }
}
