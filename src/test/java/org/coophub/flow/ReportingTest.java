package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.support.Hub;
import org.coophub.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics and the monthly assessment through REST, with detentions by REST and by CSV file. */
class ReportingTest {

    private static final String ROOM_1 = URLEncoder.encode("预审一室", StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    static Hub hub;

    @BeforeAll
    static void start() {
        hub = Hub.start(dir, new MutableClock(Instant.parse("2026-03-10T02:00:00Z")),
                "coophub.reporting.detentions-poll-delay-millis=250");
        for (String id : new String[] {"ST-1", "ST-2"}) {
            assertThat(hub.post("/api/requests", recordCheck(id, SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
        }
        // a blank typed after the room still counts for that room
        assertThat(hub.post("/api/requests", recordCheck("ST-3", SHANGHAI_XUHUI).replace("\"预审一室\"", "\"预审一室 \""))
                .statusCode()).isEqualTo(202);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void theDetentionsFolderIsPolledAtItsOwnInterval() {
        CamelContext camel = hub.bean(CamelContext.class);
        assertThat(delayOf(camel, "detentions-from-folder")).isEqualTo(250);
        assertThat(delayOf(camel, "intake-from-outbox")).isEqualTo(100);
    }

    private static long delayOf(CamelContext camel, String routeId) {
        return ((ScheduledPollConsumer) camel.getRoute(routeId).getConsumer()).getDelay();
    }

    @Test
    void assessesRoomsWithDetentionsFromRestAndFromFiles() throws Exception {
        assertThat(hub.put("/api/assessment/detentions/" + ROOM_1 + "/2026-03", "{\"detentions\": 1}").statusCode()).isEqualTo(200);
        assertThat(hub.get("/api/assessment/detentions/" + ROOM_1 + "/2026-03").body())
                .isEqualTo("{\"room\":\"预审一室\",\"month\":\"2026-03\",\"detentions\":1}");
        assertThat(hub.get("/api/assessment/detentions/" + ROOM_1 + "/2026-02").statusCode()).isEqualTo(404);

        Path folder = Files.createDirectories(hub.detentionsFolder());
        Files.move(Files.writeString(folder.resolve("march.csv.tmp"), "\uFEFFroom,month,detentions\r\n预审二室,2026-03,2\r\n"),
                folder.resolve("march.csv"));
        await().until(() -> archived(folder.resolve(".done"), "march.", ".csv").size() == 1);

        HttpResponse<String> report = hub.get("/api/assessment?month=2026-03");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("{\"month\":\"2026-03\",\"rooms\":["
                + "{\"room\":\"预审一室\",\"detentions\":1,\"publications\":3,\"required\":2,\"difference\":1,\"score\":10},"
                + "{\"room\":\"预审二室\",\"detentions\":2,\"publications\":0,\"required\":4,\"difference\":-4,\"score\":-10}]}");
        HttpResponse<String> csv = hub.get("/api/assessment.csv?month=2026-03");
        assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv;charset=UTF-8");
        assertThat(csv.body()).startsWith("\uFEFFroom 预审室,").contains("\r\n预审一室,2026-03,1,3,2,1,10\r\n");
    }

    @Test
    void aBadDetentionsFileIsSetAsideWithTheLineColumnAndRule() throws Exception {
        Path folder = Files.createDirectories(hub.detentionsFolder());
        Files.move(Files.writeString(folder.resolve("bad.csv.tmp"), "room,month,detentions\n预审三室,2026-03,-1\n"),
                folder.resolve("bad.csv"));

        await().until(() -> archived(folder.resolve(".error"), "bad.", ".csv").size() == 1);
        Path kept = archived(folder.resolve(".error"), "bad.", ".csv").get(0);
        assertThat(Files.readString(kept.resolveSibling(kept.getFileName() + ".error.txt")))
                .contains("line 2, column detentions: must not be negative: -1 [min]");
        assertThat(hub.get("/api/assessment/detentions/" + URLEncoder.encode("预审三室", StandardCharsets.UTF_8) + "/2026-03")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aDetentionsFileDroppedTwiceIsArchivedTwiceAndOneTheLedgerCouldNotTakeWaitsForIt() throws Exception {
        Path folder = Files.createDirectories(hub.detentionsFolder());
        drop(folder, "april.csv", "room,month,detentions\n预审四室,2026-04,1\n");
        await().until(() -> archived(folder.resolve(".done"), "april.", ".csv").size() == 1);

        hub.executeSql("ALTER TABLE room_detentions RENAME TO room_detentions_away");
        try {
            double failedBefore = hub.failedExchanges("detentions-from-folder");
            drop(folder, "april.csv", "room,month,detentions\n预审四室,2026-04,2\n");
            await().until(() -> hub.failedExchanges("detentions-from-folder") >= failedBefore + 2);
            assertThat(folder.resolve("april.csv")).exists();
            assertThat(archived(folder.resolve(".error"), "april.", ".csv")).isEmpty();
        } finally {
            hub.executeSql("ALTER TABLE room_detentions_away RENAME TO room_detentions");
        }
        await().until(() -> archived(folder.resolve(".done"), "april.", ".csv").size() == 2);
        assertThat(hub.get("/api/assessment/detentions/" + URLEncoder.encode("预审四室", StandardCharsets.UTF_8)
                + "/2026-04").body()).contains("\"detentions\":2");
    }

    private static void drop(Path folder, String name, String csv) throws Exception {
        Files.move(Files.writeString(folder.resolve(name + ".tmp"), csv), folder.resolve(name));
    }



    /** The files archived in {@code folder} under a name made from {@code prefix}, a stamp and {@code suffix}. */
    private static List<Path> archived(Path folder, String prefix, String suffix) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void countsThisPeriodAgainstAYearEarlier() {
        HttpResponse<String> stats = hub.get("/api/stats?from=2026-03-01&to=2026-03-31");
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"period\":{\"from\":\"2026-03-01\",\"to\":\"2026-03-31\"}")
                .contains("\"total\":{\"type\":\"TOTAL\",\"name\":\"合计\",\"count\":3,\"earlier\":0,\"growthPercent\":null}");
        HttpResponse<String> csv = hub.get("/api/stats.csv?from=2026-03-01&to=2026-03-31");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"coophub-stats-2026-03-01_2026-03-31.csv\"");
        assertThat(csv.body()).startsWith("\uFEFFdirection,").contains("published,发布,TOTAL,合计,3,0,n/a\r\n");
    }

    @Test
    void badParametersAreNamed() {
        HttpResponse<String> stats = hub.get("/api/stats?from=2026-13-01");
        assertThat(stats.statusCode()).isEqualTo(400);
        assertThat(stats.body()).contains("{\"field\":\"from\",\"rule\":\"date\",")
                .contains("{\"field\":\"to\",\"rule\":\"required\",");
        assertThat(hub.get("/api/stats?from=2026-03-31&to=2026-03-01").body()).contains("\"field\":\"to\",\"rule\":\"order\"");
        assertThat(hub.get("/api/assessment?month=2026-3").body()).contains("{\"field\":\"month\",\"rule\":\"month\",");
        assertThat(hub.get("/api/assessment.csv").body()).contains("{\"field\":\"month\",\"rule\":\"required\",");

        HttpResponse<String> negative = hub.put("/api/assessment/detentions/" + ROOM_1 + "/2026-03", "{\"detentions\": -1}");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("{\"field\":\"detentions\",\"rule\":\"min\",\"message\":\"must not be negative: -1\"}");
        assertThat(hub.put("/api/assessment/detentions/" + ROOM_1 + "/March", "{\"detentions\": \"7\"}").body())
                .contains("{\"field\":\"month\",\"rule\":\"month\",").contains("{\"field\":\"detentions\",\"rule\":\"json-type\",");
        assertThat(hub.put("/api/assessment/detentions/" + ROOM_1 + "/2026-03", "not json").body())
                .contains("\"rule\":\"json\"");
        // a key is submitter text, and may be an ID number
        String idNumber = IdNumberFixtures.valid("110105", "19900307", "123");
        assertThat(hub.put("/api/assessment/detentions/" + ROOM_1 + "/2026-03",
                "{\"detentions\": 1, \"" + idNumber + "\": 1}").body())
                .contains("\"rule\":\"unknown-field\"").doesNotContain(idNumber);
    }
}
