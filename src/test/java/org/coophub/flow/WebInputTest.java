package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.inboundRequest;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input by REST (bodies and parameters) is answered 400 with {"errors": [{field, rule, message}]} naming the field and the rule: never
 * bound loosely, cut, ignored, or left to fail in the database with a 500.
 */
class WebInputTest {

    @TempDir
    static Path dir;
    static Hub hub;

    @BeforeAll
    static void startHub() {
        hub = Hub.start(dir);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void aSignatureIsReadStrictly() {
        put(hub.platformFolder("national", "requests"), "WI-IN-1.json", inboundRequest("WI-IN-1"));
        await().until(() -> hub.ledger().find("WI-IN-1").isPresent());
        String sign = "/api/requests/WI-IN-1/sign";

        assertRefused(hub.post(sign, "{\"signedby\": \"李警官\"}"), "signedby", "unknown-field");
        assertRefused(hub.post(sign, "{\"signedBy\": 42}"), "signedBy", "json-type");
        assertRefused(hub.post(sign, "{\"signedBy\": \"李\\u0000警官\"}"), "signedBy", "characters");
        assertRefused(hub.post(sign, "{\"signedBy\": \"李\\ud83d\"}"), "signedBy", "characters");
        assertRefused(hub.post(sign, "{\"signedBy\": \"" + "李".repeat(101) + "\"}"), "signedBy", "length");
        assertRefused(hub.post(sign, "{\"signedBy\": "), "(document)", "json");
        assertThat(hub.ledger().find("WI-IN-1").orElseThrow().state()).isEqualTo(RequestState.RECEIVED);

        String longest = "李".repeat(100);
        assertThat(hub.post(sign, "{\"signedBy\": \"" + longest + "\"}").statusCode()).isEqualTo(200);
        assertThat(hub.ledger().find("WI-IN-1").orElseThrow().signedBy()).isEqualTo(longest);
    }

    @Test
    void aSignatureWithoutABodyOrANameIsNotNamed() {
        put(hub.platformFolder("national", "requests"), "WI-IN-2.json", inboundRequest("WI-IN-2"));
        await().until(() -> hub.ledger().find("WI-IN-2").isPresent());
        assertThat(hub.post("/api/requests/WI-IN-2/sign", "").statusCode()).isEqualTo(200);
        assertThat(hub.ledger().find("WI-IN-2").orElseThrow().signedBy()).isEqualTo("(not named)");
    }

    /** Checked before the alert is looked up: the same answer whether or not there is anything to acknowledge. */
    @Test
    void anAcknowledgementIsReadStrictly() {
        String ack = "/api/alerts/999999/ack";
        assertRefused(hub.post(ack, "{\"who\": \"王警官\"}"), "who", "unknown-field");
        assertRefused(hub.post(ack, "{\"by\": [\"王警官\"]}"), "by", "json-type");
        assertRefused(hub.post(ack, "{\"by\": \"王\\u0007\"}"), "by", "characters");
        assertRefused(hub.post(ack, "{\"by\": \"" + "王".repeat(101) + "\"}"), "by", "length");
        assertRefused(hub.post(ack, "{\"by\": \"王\"} x"), "(document)", "trailing-data");
        assertThat(hub.post(ack, "{\"by\": \"王警官\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void aParameterWithAControlCharacterIsRefusedByEveryCallNamingTheParameter() {
        assertRefused(hub.get("/api/alerts?requestId=%00"), "requestId", "characters");
        assertRefused(hub.get("/api/audit?user=admin%1B"), "user", "characters");
        assertRefused(hub.get("/api/stats?from=2026-01-01&to=2026-01-31&x=%7F"), "x", "characters");
        assertThat(hub.as(null).get("/api/alerts?requestId=%00").statusCode()).isEqualTo(401);
    }

    @Test
    void aPageShowsWhichParameterHasAControlCharacter() {
        for (String parameter : new String[] {"requestId", "room", "region"}) {
            HttpResponse<String> page = hub.get("/requests?" + parameter + "=%E9%A2%84%00");
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains(parameter + ": must not contain the control character U+0000",
                    "[characters]");
        }
    }

    @Test
    void aParameterOfTheWrongTypeIsNamedWithItsRule() {
        assertRefused(hub.get("/api/alerts?limit=x"), "limit", "integer");
        assertRefused(hub.get("/api/audit?limit=99999999999"), "limit", "integer");
        assertRefused(hub.post("/api/alerts/abc/ack", ""), "id", "integer");
        assertRefused(hub.get("/api/audit?from=bad"), "from", "datetime");
        assertRefused(hub.get("/api/audit?to=%2B300000-01-01T00:00:00Z"), "to", "datetime");
        assertThat(hub.get("/api/audit?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z").statusCode()).isEqualTo(200);
    }

    /** curl -d sends JSON as a form: checking parameters must not read the body away from the call. */
    @Test
    void aRequestSentAsAFormIsStillReadWhole() throws Exception {
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        hub.url("/api/requests?x=1")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "admin:admin-test-pass".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(recordCheck("WI-FORM-1", SHANGHAI_XUHUI))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    static void assertRefused(HttpResponse<String> response, String field, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"errors\":[")
                .contains("\"field\":\"" + field + "\",\"rule\":\"" + rule + "\"");
    }
}
