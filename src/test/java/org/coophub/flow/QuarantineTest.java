package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.inboundRequest;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.coophub.intake.Quarantine;
import org.coophub.intake.QuarantineFolder;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.support.Hub;
import org.coophub.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine keeps one copy of each refused file, with what came with it, and gives back the right things. */
class QuarantineTest {

    @TempDir
    Path dir;

    @Test
    void twoRefusedRepliesWithAnAttachmentOfTheSameNameEachKeepAndGetBackTheirOwn() throws Exception {
        try (Hub hub = Hub.start(dir)) {
            byte[] first = "statement of the first reply".getBytes(StandardCharsets.UTF_8);
            byte[] second = "statement of the second reply".getBytes(StandardCharsets.UTF_8);
            refuseReplyWithStatement(hub, "Q-A.json", first);
            refuseReplyWithStatement(hub, "Q-B.json", second);
            Path quarantine = hub.quarantine();
            assertThat(Files.readString(quarantine.resolve("Q-B.json.error.txt")))
                    .contains("attachment: statement.pdf\tkept as: statement.pdf.1");
            assertThat(quarantine.resolve("statement.pdf.1")).hasBinaryContent(second);

            // put back, the second reply brings its own statement (it is refused again: its request is still unknown)
            assertThat(hub.bean(QuarantineFolder.class).requeue("Q-B.json")).isPresent();
            await().until(() -> Files.exists(quarantine.resolve("Q-B.json")));
            String report = Files.readString(quarantine.resolve("Q-B.json.error.txt"));
            assertThat(report).contains("statement.pdf", "no request NOT-OURS-Q-B");
            String keptAs = report.lines().filter(line -> line.startsWith("attachment: ")).findFirst().orElseThrow()
                    .replaceFirst(".*kept as: ", "");
            assertThat(quarantine.resolve(keptAs)).hasBinaryContent(second);
            assertThat(quarantine.resolve("statement.pdf")).hasBinaryContent(first);
        }
    }

    /**
     * Units share the replies outbox and reuse attachment names: a refused reply takes into quarantine only the
     * attachments that hold the bytes it declares. A file of its attachment's name that holds other bytes may be the
     * next reply's, dropped for it, and stays for it.
     */
    @Test
    void aRefusedReplyLeavesTheNextRepliesAttachmentOfTheSameNameInTheOutbox() throws Exception {
        try (Hub hub = Hub.start(dir); LogCapture log = LogCapture.of(Quarantine.class)) {
            put(hub.platformFolder("national", "requests"), "Q-NEXT.json", inboundRequest("Q-NEXT"));
            await().until(() -> hub.ledger().find("Q-NEXT").isPresent());
            byte[] note = "note of the refused reply".getBytes(StandardCharsets.UTF_8);
            byte[] refused = "statement of the refused reply".getBytes(StandardCharsets.UTF_8);
            byte[] next = "statement of the next reply".getBytes(StandardCharsets.UTF_8);
            Path outbox = hub.repliesOutbox();
            put(outbox, "statement.pdf", next);
            put(outbox, "note.txt", note);
            put(outbox, "Q-C.json", reply("NOT-OURS-Q-C", "FOUND", Map.of("note.txt", note, "statement.pdf", refused)));
            Path quarantine = hub.quarantine();
            await().until(() -> Files.exists(quarantine.resolve("Q-C.json")));
            assertThat(quarantine.resolve("note.txt")).hasBinaryContent(note);
            assertThat(Files.readString(quarantine.resolve("Q-C.json.error.txt")))
                    .contains("attachment: note.txt\tkept as: note.txt").doesNotContain("attachment: statement.pdf");
            assertThat(outbox.resolve("statement.pdf")).hasBinaryContent(next);
            assertThat(log.containing("Left the attachment statement.pdf")).hasSize(1);

            put(outbox, "answer.json", reply("Q-NEXT", "DONE", "statement.pdf", next)
                    .replace("310104000000", "110105000000"));
            Path kept = dir.resolve("data/attachments/Q-NEXT/statement.pdf");
            await().until(() -> Files.exists(kept));
            assertThat(kept).hasBinaryContent(next);
        }
    }

    @Test
    void aBadFileIsQuarantinedOnceThoughTheLedgerWasDownWhenItCame() throws Exception {
        try (Hub hub = Hub.start(dir)) {
            hub.executeSql("ALTER TABLE rejected_input RENAME TO rejected_input_away");
            hub.drop("Q-DOWN.json", "{\"requestId\": \"Q-DOWN\"}".getBytes(StandardCharsets.UTF_8));
            await().until(() -> hub.failedExchanges("intake-from-outbox") >= 3);

            hub.executeSql("ALTER TABLE rejected_input_away RENAME TO rejected_input");
            await().until(() -> Files.exists(hub.quarantine().resolve("Q-DOWN.json.error.txt")));
            await().until(() -> !Files.exists(hub.outbox().resolve("Q-DOWN.json")));
            try (Stream<Path> kept = Files.list(hub.quarantine())) {
                assertThat(kept.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("Q-DOWN")))
                        .containsExactlyInAnyOrder("Q-DOWN.json", "Q-DOWN.json.error.txt");
            }
        }
    }

    @Test
    void theReportOfAFileNamedWithAnIdNumberNamesItMasked() throws Exception {
        String idNumber = IdNumberFixtures.valid("110105", "19900307", "451");
        try (Hub hub = Hub.start(dir)) {
            String file = "statement-" + idNumber + ".json";
            hub.drop(file, "{\"requestId\": ".getBytes(StandardCharsets.UTF_8));

            Path report = hub.quarantine().resolve(file + ".error.txt");
            await().until(() -> Files.exists(hub.quarantine().resolve(file)));
            assertThat(Files.readString(report)).startsWith("file: statement-" + IdNumbers.mask(idNumber) + ".json\n")
                    .doesNotContain(idNumber);
        }
    }

    private static void refuseReplyWithStatement(Hub hub, String file, byte[] statement) {
        put(hub.repliesOutbox(), "statement.pdf", statement);
        put(hub.repliesOutbox(), file, reply("NOT-OURS-" + file.replace(".json", ""), "FOUND", "statement.pdf", statement));
        // the refused file is moved in last, after its report and its attachments
        await().until(() -> Files.exists(hub.quarantine().resolve(file)));
    }


}
