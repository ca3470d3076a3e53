package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.BEIJING_HAIDIAN;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RequestState;
import org.coophub.support.ForkedHub;
import org.coophub.support.Hub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed (SIGKILL, in a JVM of its own) while requests pour in and are being published, then started again
 * on the same folder: every request it answered 202 is published, on its platform, once; nothing it did not answer
 * is left half-stored. Unlike {@link RestartTest}, nothing gets the chance to close, flush or roll back. A second
 * upload of a file replaces it under the same name, so it is told by the file's identity on disk (its inode), for
 * the files the crashed hub had uploaded and recorded as published.
 */
class CrashTest {

    private static final int REQUESTS = 300;
    private static final int CLIENTS = 16;
    /** The crash comes once this many files are on the platforms: publishing has begun and is far from done. */
    private static final int ON_PLATFORMS_AT_CRASH = 60;

    @TempDir
    Path dir;

    private ForkedHub crashing;
    private Hub restarted;

    @AfterEach
    void stop() {
        if (crashing != null) {
            crashing.close();
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void aCrashWhileRequestsArriveAndArePublishedLosesNoneAcceptedAndPublishesNoneTwice() throws Exception {
        Map<String, Object> settings = Hub.settings(dir);
        crashing = ForkedHub.start(dir, settings);
        try {
            crashAndRecover(settings);
        } catch (AssertionError | RuntimeException failure) {
            failure.addSuppressed(new AssertionError("the crashed hub's last output:\n" + crashing.logTail(80)));
            throw failure;
        }
    }

    private void crashAndRecover(Map<String, Object> settings) throws Exception {
        Path platforms = Path.of((String) settings.get("coophub.simulator.root"));
        Path national = platforms.resolve("national/inbound");
        Path provincial = platforms.resolve("provincial/inbound");
        Map<String, Path> inboundOf = new HashMap<>();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < REQUESTS; i++) {
            // half for another province (national), half for our own (provincial)
            boolean ours = i % 2 == 1;
            String id = "CRASH-" + i;
            inboundOf.put(id, ours ? provincial : national);
            String body = recordCheck(id, ours ? BEIJING_HAIDIAN : SHANGHAI_XUHUI);
            clients.submit(() -> {
                try {
                    answers.put(id, crashing.post("/api/requests", body).statusCode());
                } catch (UncheckedIOException noAnswer) {
                    // killed before it answered, or before it was asked
                }
            });
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> published(national).size() + published(provincial).size() >= ON_PLATFORMS_AT_CRASH);
        crashing.kill();
        OffsetDateTime crash = OffsetDateTime.now();
        Map<Path, Object> uploadedBeforeCrash = uploads(national, provincial);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        Set<String> accepted = new TreeSet<>(answers.keySet());
        assertThat(answers).allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo(202));

        restarted = Hub.start(dir, settings);
        List<String> all = IntStream.range(0, REQUESTS).mapToObj(i -> "CRASH-" + i).toList();
        // accepted: published; never answered: unknown, or published too (it was stored before the crash)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(all).allSatisfy(id -> assertThat(
                restarted.ledger().find(id).map(LedgerEntry::state)
                        .orElse(accepted.contains(id) ? RequestState.ACCEPTED : RequestState.PUBLISHED))
                .as(id).isEqualTo(RequestState.PUBLISHED)));

        Set<String> published = all.stream().filter(id -> restarted.ledger().find(id).isPresent())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(published).containsAll(accepted);
        assertThat(published).as("the crash came while requests were arriving and being published")
                .hasSizeGreaterThan(uploadedBeforeCrash.size()).hasSizeLessThan(REQUESTS);
        assertThat(published(national)).as("files on the national platform")
                .containsExactlyInAnyOrderElementsOf(select(published, id -> inboundOf.get(id).equals(national)));
        assertThat(published(provincial)).as("files on the provincial platform")
                .containsExactlyInAnyOrderElementsOf(select(published, id -> inboundOf.get(id).equals(provincial)));
        assertThat(names(national)).as("no partial upload left").noneMatch(name -> name.endsWith(".part"));
        assertThat(names(provincial)).as("no partial upload left").noneMatch(name -> name.endsWith(".part"));
        for (String id : published) {
            List<HistoryEntry> history = restarted.ledger().history(id);
            assertThat(history).as(id).extracting(HistoryEntry::state).startsWith("ACCEPTED")
                    .containsOnlyOnce("PUBLISHED");
            Path file = inboundOf.get(id).resolve(id + ".json");
            assertThat(file).as("%s, whole", id).hasContent(restarted.ledger().ticket(id).orElseThrow().payload());
            // a file the crashed hub had uploaded and recorded is never uploaded again; only one it had not yet
            // recorded may be (README: the window between the rename and the ledger)
            OffsetDateTime recorded = history.stream().filter(entry -> entry.state().equals("PUBLISHED"))
                    .findFirst().orElseThrow().at();
            if (uploadedBeforeCrash.containsKey(file) && recorded.isBefore(crash)) {
                assertThat(fileKey(file)).as("%s, published before the crash, uploaded again", id)
                        .isEqualTo(uploadedBeforeCrash.get(file));
            }
        }
    }

    private static Set<String> select(Set<String> ids, Predicate<String> which) {
        return ids.stream().filter(which).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The requestIds whose file is in place on a platform. */
    private static Set<String> published(Path inbound) {
        return names(inbound).stream().filter(name -> name.endsWith(".json"))
                .map(name -> name.substring(0, name.length() - ".json".length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each file in place and its identity on disk (inode): an upload again replaces it with another. */
    private static Map<Path, Object> uploads(Path... inbound) {
        Map<Path, Object> uploads = new HashMap<>();
        for (Path folder : inbound) {
            published(folder).forEach(id -> uploads.put(folder.resolve(id + ".json"),
                    fileKey(folder.resolve(id + ".json"))));
        }
        return uploads;
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
