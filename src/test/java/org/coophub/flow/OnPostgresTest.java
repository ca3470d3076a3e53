package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.coophub.ledger.HistoryEntry;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.coophub.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole relay with the ledger on a real PostgreSQL server, as in production: configuration alone switches it. */
class OnPostgresTest {

    @TempDir
    Path dir;

    @Test
    void aRequestIsRelayedWithTheLedgerOnPostgres() throws Exception {
        String url = TestPostgres.newDatabaseUrl();
        try (Hub hub = Hub.start(dir, "spring.datasource.url=" + url, "spring.datasource.username=postgres",
                "spring.datasource.password=")) {
            // PostgreSQL, unlike H2, cannot store U+0000: refused at the door, not with a database error
            String withNul = recordCheck("PG-0", SHANGHAI_XUHUI).replace("\"caseNumber\": \"", "\"caseNumber\": \"\\u0000");
            HttpResponse<String> refused = hub.post("/api/requests", withNul);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"caseNumber\"", "\"rule\":\"characters\"");
            // nor in a key, which the refusal names and the ledger keeps
            HttpResponse<String> badKey = hub.post("/api/requests", "{\"a\\u0000b\": 1}");
            assertThat(badKey.statusCode()).isEqualTo(400);
            assertThat(badKey.body()).contains("a\\\\u0000b", "unknown-field");

            // nor in a date PostgreSQL cannot keep as it is
            for (String createdAt : new String[] {"+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z"}) {
                HttpResponse<String> outOfRange = hub.post("/api/requests", recordCheck("PG-0", SHANGHAI_XUHUI)
                        .replace("2026-03-02T09:30:00+08:00", createdAt));
                assertThat(outOfRange.statusCode()).isEqualTo(400);
                assertThat(outOfRange.body()).contains("\"field\":\"createdAt\"", "\"rule\":\"datetime\"");
            }
            // nor in a parameter or a body of another call
            assertThat(hub.get("/requests?requestId=%00").statusCode()).isEqualTo(400);
            assertThat(hub.get("/requests?room=%00").statusCode()).isEqualTo(400);
            assertThat(hub.get("/api/alerts?requestId=%00").statusCode()).isEqualTo(400);
            assertThat(hub.get("/api/audit?user=%00").statusCode()).isEqualTo(400);
            assertThat(hub.post("/api/requests/PG-0/sign", "{\"signedBy\": \"\\u0000\"}").statusCode()).isEqualTo(400);
            assertThat(hub.post("/api/alerts/1/ack", "{\"by\": \"\\u0000\"}").statusCode()).isEqualTo(400);
            // a failed login is audited with the name as typed, U+0000 written as its escape
            HttpResponse<String> badLogin = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    hub.url("/api/alerts"))).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "ad\u0000min:x".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(badLogin.statusCode()).isEqualTo(401);
            assertThat(hub.get("/api/audit?user=ad%5Cu0000min").body()).contains("\"action\":\"login\",\"outcome\":\"FAILURE\"");

            assertThat(hub.post("/api/requests", recordCheck("PG-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            assertThat(hub.post("/api/requests", recordCheck("PG-1", SHANGHAI_XUHUI)).body()).contains("\"duplicate\":true");

            await().until(() -> Files.exists(hub.inbound("national").resolve("PG-1.json")));
            await().until(() -> hub.ledger().find("PG-1").orElseThrow().state() == RequestState.PUBLISHED);
            assertThat(hub.ledger().find("PG-1").orElseThrow().history()).extracting(HistoryEntry::state)
                    .containsExactly("ACCEPTED", "PUBLISHED");
            assertThat(hub.get("/api/requests/PG-1").body()).contains("\"platform\":\"national\"");
        }
    }
}
