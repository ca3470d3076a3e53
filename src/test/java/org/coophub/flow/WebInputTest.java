package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.inboundRequest;
import static org.coophub.support.PlatformSide.put;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input by REST is answered 400 with {"errors": [{field, rule, message}]} naming the field and the rule: never
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

    static void assertRefused(HttpResponse<String> response, String field, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"errors\":[")
                .contains("\"field\":\"" + field + "\",\"rule\":\"" + rule + "\"");
    }
}
