package org.coophub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.coophub.intake.RequestJson;
import org.coophub.intake.RequestParser;
import org.coophub.platform.PlatformProperties;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.CooperationRequest;
import org.coophub.request.Scope;
import org.coophub.routing.BureauProperties;
import org.coophub.routing.ScopeRule;
import org.coophub.support.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real simulator (MINA SSHD) and counterpart on a temp folder; the hub's side is played by plain file writes. */
class PlatformCounterpartTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final BureauProperties BUREAU = new BureauProperties("110105000000", "北京市公安局朝阳分局");
    /** 09:30 in Beijing. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T01:30:00Z"), ZoneOffset.UTC);
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    PlatformSimulator simulator;
    Map<String, PlatformProperties> platforms;
    final List<PlatformCounterpart> counterparts = new ArrayList<>();

    @AfterEach
    void tearDown() {
        counterparts.forEach(PlatformCounterpart::close);
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void publishedRequestIsAnsweredOnceWithAnAttachmentAndNoPartFileLeft() throws Exception {
        PlatformCounterpart counterpart = start(settings(0.0, Duration.ofMinutes(10), 1.0, Duration.ZERO, 42));
        Path inbound = folder("national", "inbound");
        Path replies = folder("national", "replies");
        // what the counterpart must leave alone: an upload in progress and a dot-file
        Files.writeString(inbound.resolve("CY-HALF.json.part"), "{\"requestId\": \"CY-HA");
        Files.writeString(inbound.resolve(".CY-HIDDEN.json"), Requests.recordCheck("CY-HIDDEN", "310104"));

        Path request = publish("national", "CY-2026-0001", Requests.recordCheck("CY-2026-0001", "310104"));

        Path reply = replies.resolve("CY-2026-0001.json");
        await().atMost(WAIT).until(() -> Files.exists(reply));
        JsonNode json = JSON.readTree(Files.readAllBytes(reply));
        assertThat(fieldNames(json))
                .containsExactly("requestId", "replyingUnit", "result", "content", "repliedAt", "attachments");
        assertThat(json.get("requestId").asText()).isEqualTo("CY-2026-0001");
        assertThat(fieldNames(json.get("replyingUnit"))).containsExactly("code", "name");
        assertThat(json.at("/replyingUnit/code").asText()).isEqualTo("310104000000");
        assertThat(json.at("/replyingUnit/name").asText()).isEqualTo("Shanghai simulated bureau");
        assertThat(json.get("result").asText()).isIn("FOUND", "NOT_FOUND", "DONE");
        assertThat(json.get("content").asText()).isNotBlank().containsPattern("\\p{IsHan}").containsPattern("[A-Za-z]");
        assertThat(json.get("repliedAt").asText()).isEqualTo("2026-03-02T09:30:00+08:00");
        assertThat(Files.readString(reply, StandardCharsets.UTF_8)).contains(json.get("content").asText());

        assertThat(json.get("attachments")).hasSize(1);
        JsonNode attachment = json.get("attachments").get(0);
        assertThat(fieldNames(attachment)).containsExactly("name", "sha256", "size");
        assertThat(attachment.get("name").asText()).isEqualTo("CY-2026-0001-statement.txt");
        byte[] statement = Files.readAllBytes(replies.resolve("CY-2026-0001-statement.txt"));
        assertThat(attachment.get("size").asLong()).isEqualTo(statement.length);
        assertThat(attachment.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(statement)));
        // the reply comes no sooner than reply-delay after the request was published
        assertThat(millisBetween(request, reply)).isGreaterThanOrEqualTo(80);

        counterpart.scan("national");
        assertThat(names(replies)).containsExactly("CY-2026-0001-statement.txt", "CY-2026-0001.json");
        assertThat(names(folder("provincial", "replies"))).isEmpty();
        assertThat(counterpart.repliesWritten()).isEqualTo(1);
    }

    @Test
    void lateShareOfOneAnswersAfterTheLateDelayWithoutAttachment() throws Exception {
        PlatformCounterpart counterpart = start(settings(1.0, Duration.ofMillis(300), 0.0, Duration.ZERO, 7));
        Path request = publish("provincial", "CY-LATE-1", Requests.recordCheck("CY-LATE-1", "110108"));

        Path reply = folder("provincial", "replies").resolve("CY-LATE-1.json");
        await().atMost(WAIT).until(() -> Files.exists(reply));
        // file times are coarse (kernel ticks): allow a few milliseconds
        assertThat(millisBetween(request, reply)).isGreaterThanOrEqualTo(280);
        JsonNode json = JSON.readTree(Files.readAllBytes(reply));
        assertThat(json.at("/replyingUnit/code").asText()).isEqualTo("110108000000");
        assertThat(json.at("/replyingUnit/name").asText()).isEqualTo("Beijing simulated bureau");
        assertThat(json.get("attachments").isArray()).isTrue();
        assertThat(json.get("attachments")).isEmpty();
        assertThat(names(folder("provincial", "replies"))).containsExactly("CY-LATE-1.json");
        assertThat(counterpart.repliesWritten()).isEqualTo(1);
    }

    @Test
    void aNewCounterpartOnTheSameFoldersDoesNotAnswerAgain() throws Exception {
        CounterpartProperties settings = settings(0.0, Duration.ofMinutes(10), 0.5, Duration.ZERO, 3);
        PlatformCounterpart first = start(settings);
        Path replies = folder("national", "replies");
        publish("national", "CY-A", Requests.recordCheck("CY-A", "310104"));
        publish("national", "CY-B", Requests.recordCheck("CY-B", "440305"));
        await().atMost(WAIT).until(() -> Files.exists(replies.resolve("CY-A.json"))
                && Files.exists(replies.resolve("CY-B.json")));
        first.close();
        // the hub has taken CY-B's reply: it is in replies/.done now
        Files.createDirectories(replies.resolve(".done"));
        Files.move(replies.resolve("CY-B.json"), replies.resolve(".done/CY-B.json"));
        FileTime answeredA = Files.getLastModifiedTime(replies.resolve("CY-A.json"));
        byte[] contentA = Files.readAllBytes(replies.resolve("CY-A.json"));
        List<String> before = names(replies);

        PlatformCounterpart second = start(settings);
        publish("national", "CY-C", Requests.recordCheck("CY-C", "310104"));
        // CY-C is due after CY-A and CY-B would have been (their due times are past): once it is there, they are decided
        await().atMost(WAIT).until(() -> Files.exists(replies.resolve("CY-C.json")));
        second.scan("national");

        assertThat(second.repliesWritten()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(replies.resolve("CY-A.json"))).isEqualTo(answeredA);
        assertThat(replies.resolve("CY-A.json")).hasBinaryContent(contentA);
        assertThat(replies.resolve("CY-B.json")).doesNotExist();
        List<String> after = new ArrayList<>(names(replies));
        after.removeIf(name -> name.startsWith("CY-C"));
        assertThat(after).isEqualTo(before);
        assertThat(second.answerNow("national", "CY-A")).isFalse();
        assertThat(second.answerNow("national", "CY-B")).isFalse();
    }

    @Test
    void ourRepliesAreCollectedWithTheirAttachmentsSoTheirNamesAreFreeAgain() throws Exception {
        start(settings(0.0, Duration.ofMinutes(10), 0.0, Duration.ZERO, 5, Duration.ofHours(1)));
        Path ourReplies = Files.createDirectories(folder("national", "our-replies"));
        Files.writeString(ourReplies.resolve("transcript.txt"), "笔录");
        Files.writeString(ourReplies.resolve("SH-COL-1.json.part"), "{\"requestId\": \"SH-COL-1\", "
                + "\"attachments\": [{\"name\": \"transcript.txt\", \"sha256\": \"x\", \"size\": 6}]}");
        Files.move(ourReplies.resolve("SH-COL-1.json.part"), ourReplies.resolve("SH-COL-1.json"));

        await().atMost(WAIT).until(() -> Files.exists(ourReplies.resolve(".done/SH-COL-1.json")));
        assertThat(ourReplies.resolve(".done/transcript.txt")).hasContent("笔录");
        assertThat(ourReplies.resolve("transcript.txt")).doesNotExist();
    }

    @Test
    void answerNowRepliesAtOnceAndOnlyOnce() throws Exception {
        PlatformCounterpart counterpart = start(settings(0.0, Duration.ofMinutes(10), 0.0, Duration.ZERO, 5,
                Duration.ofHours(1)));
        publish("national", "CY-NOW", Requests.recordCheck("CY-NOW", "310104"));

        assertThat(counterpart.answerNow("national", "CY-NOW")).isTrue();
        assertThat(folder("national", "replies").resolve("CY-NOW.json")).exists();
        assertThat(counterpart.answerNow("national", "CY-NOW")).isFalse();
        assertThat(counterpart.repliesWritten()).isEqualTo(1);
        assertThatThrownBy(() -> counterpart.answerNow("national", "NO-SUCH"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NO-SUCH");
        assertThatThrownBy(() -> counterpart.answerNow("elsewhere", "CY-NOW"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elsewhere");
    }

    @Test
    void sameSeedMakesTheSameReplies() throws Exception {
        CounterpartProperties settings = settings(0.0, Duration.ofMinutes(10), 0.5, Duration.ZERO, 99);
        PlatformCounterpart counterpart = start(settings);
        for (int i = 0; i < 6; i++) {
            publish("national", "CY-S" + i, Requests.recordCheck("CY-S" + i, "310104"));
            counterpart.answerNow("national", "CY-S" + i);
        }
        List<String> first = names(folder("national", "replies"));
        Map<String, String> results = results(folder("national", "replies"));
        counterpart.close();
        for (String name : first) {
            Files.delete(folder("national", "replies").resolve(name));
        }

        PlatformCounterpart again = start(settings);
        for (int i = 0; i < 6; i++) {
            again.answerNow("national", "CY-S" + i);
        }
        assertThat(names(folder("national", "replies"))).isEqualTo(first);
        assertThat(results(folder("national", "replies"))).isEqualTo(results);
    }

    @Test
    void requestsToOurBureauComeFromTheRightProvinceAndPassIntake() throws Exception {
        PlatformCounterpart counterpart = start(settings(0.0, Duration.ofMinutes(10), 0.5, Duration.ZERO, 11));
        for (int i = 1; i <= 5; i++) {
            for (String platform : List.of("national", "provincial")) {
                String id = counterpart.sendInboundRequest(platform);
                assertThat(id).isEqualTo("SIM-" + platform.toUpperCase() + "-20260302093000-" + i);
                Path file = folder(platform, "requests").resolve(id + ".json");
                assertThat(file).exists();
                checkInboundRequest(platform, id, Files.readAllBytes(file));
            }
        }
        assertThat(names(folder("national", "requests"))).hasSize(5).allMatch(n -> n.endsWith(".json"));
        assertThat(names(folder("provincial", "requests"))).hasSize(5).allMatch(n -> n.endsWith(".json"));
    }

    @Test
    void requestsToOurBureauArriveEveryIntervalAndThreadsStopOnClose() throws Exception {
        PlatformCounterpart counterpart = start(settings(0.0, Duration.ofMinutes(10), 0.5, Duration.ofMillis(100), 13));
        await().atMost(WAIT).until(() -> names(folder("national", "requests")).size() >= 2
                && names(folder("provincial", "requests")).size() >= 2);
        assertThat(counterpartThreads()).isNotEmpty().allMatch(Thread::isDaemon);
        for (String platform : List.of("national", "provincial")) {
            for (String name : names(folder(platform, "requests"))) {
                assertThat(name).startsWith("SIM-" + platform.toUpperCase() + "-").endsWith(".json");
                checkInboundRequest(platform, name.substring(0, name.length() - 5),
                        Files.readAllBytes(folder(platform, "requests").resolve(name)));
            }
        }

        counterpart.close();
        await().atMost(WAIT).until(() -> counterpartThreads().isEmpty());
    }

    // --- helpers

    void checkInboundRequest(String platform, String id, byte[] bytes) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(bytes);
        assertThat(json.get("requestId").asText()).isEqualTo(id);
        assertThat(json.get("targetRegion").asText()).isEqualTo("110105");
        String fromRegion = json.get("fromRegion").asText();
        assertThat(fromRegion).matches("\\d{6}").isNotEqualTo("110105");
        if ("national".equals(platform)) {
            assertThat(fromRegion).doesNotStartWith("11");
            assertThat(json.get("scope").asText()).isEqualTo("NATIONAL");
        } else {
            assertThat(fromRegion).startsWith("11");
            assertThat(json.get("scope").asText()).isEqualTo("PROVINCIAL");
        }
        assertThat(fieldNames(json.get("fromUnit"))).containsExactly("code", "name");
        assertThat(json.at("/fromUnit/code").asText()).isEqualTo(fromRegion + "000000");
        assertThat(json.at("/fromUnit/name").asText()).isNotBlank();
        assertThat(json.get("type").asText()).isIn("CASE_VERIFICATION", "PARTY_STATEMENT", "RECORD_CHECK");
        assertThat(json.get("createdAt").asText()).isEqualTo("2026-03-02T09:30:00+08:00");
        assertThat(json.get("subjects")).hasSize(1);
        String idNumber = json.at("/subjects/0/idNumber").asText();
        assertThat(idNumber).hasSize(18);
        assertThat(idNumber.charAt(17)).isEqualTo(IdNumbers.checkCharacter(idNumber.substring(0, 17)));
        assertThat(IdNumbers.isValid(idNumber)).isTrue();

        json.remove(List.of("fromRegion", "fromUnit"));
        byte[] rest = JSON.writeValueAsBytes(json);
        CooperationRequest request = RequestJson.read(rest);
        assertThat(request.requestId()).isEqualTo(id);
        assertThat(request.subjects().get(0).idNumber()).isEqualTo(idNumber);
        assertThat(request.scope()).isEqualTo("national".equals(platform) ? Scope.NATIONAL : Scope.PROVINCIAL);
        // and the intake rules hold, seen from the sending bureau (whose scope rule chose the platform)
        new RequestParser(new ScopeRule(fromRegion + "000000"), CLOCK, 1 << 20).parse(rest);
    }

    PlatformCounterpart start(CounterpartProperties settings) throws IOException {
        if (simulator == null) {
            platforms = new LinkedHashMap<>();
            platforms.put("national", platform(Scope.NATIONAL, freePort()));
            platforms.put("provincial", platform(Scope.PROVINCIAL, freePort()));
            simulator = new PlatformSimulator(new SimulatorProperties(true, dir.resolve("platforms"), dir.resolve("keys"), false), platforms);
        }
        PlatformCounterpart counterpart = new PlatformCounterpart(settings, simulator, platforms, BUREAU, CLOCK);
        counterparts.add(counterpart);
        return counterpart;
    }

    static CounterpartProperties settings(double lateShare, Duration lateDelay, double attachmentShare,
            Duration inboundInterval, long seed) {
        return settings(lateShare, lateDelay, attachmentShare, inboundInterval, seed, Duration.ofMillis(100));
    }

    static CounterpartProperties settings(double lateShare, Duration lateDelay, double attachmentShare,
            Duration inboundInterval, long seed, Duration replyDelay) {
        return new CounterpartProperties(true, replyDelay, lateShare, lateDelay, attachmentShare, inboundInterval,
                seed);
    }

    PlatformProperties platform(Scope scope, int port) {
        return new PlatformProperties(scope, "localhost", port, "coophub", null, dir.resolve("keys/client_key"), null,
                dir.resolve("keys/known_hosts"),
                new PlatformProperties.Folders("inbound", "replies", "requests", "our-replies"),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 2, 2, Duration.ofSeconds(30));
    }

    Path folder(String platform, String folder) {
        return simulator.root(platform).resolve(folder);
    }

    /** As the hub publishes: a .part file renamed to its final name. */
    Path publish(String platform, String requestId, String json) throws IOException {
        Path inbound = folder(platform, "inbound");
        Path part = Files.writeString(inbound.resolve(requestId + ".json.part"), json, StandardCharsets.UTF_8);
        return Files.move(part, inbound.resolve(requestId + ".json"), StandardCopyOption.ATOMIC_MOVE);
    }

    static long millisBetween(Path earlier, Path later) throws IOException {
        return Files.getLastModifiedTime(later).toMillis() - Files.getLastModifiedTime(earlier).toMillis();
    }

    /** File names in a folder (not its sub-folders), sorted. */
    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    static Map<String, String> results(Path replies) throws IOException {
        Map<String, String> results = new LinkedHashMap<>();
        for (String name : names(replies)) {
            if (name.endsWith(".json")) {
                JsonNode json = JSON.readTree(replies.resolve(name).toFile());
                results.put(name, json.get("result").asText() + " " + json.get("content").asText() + " "
                        + json.get("attachments"));
            }
        }
        return results;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Thread> counterpartThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("platform-counterpart-") && t.isAlive())
                .toList();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
