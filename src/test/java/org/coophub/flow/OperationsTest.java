package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.coophub.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What an operator sees of a running hub: health with a component per platform, liveness and readiness probes,
 * Prometheus metrics, and the API docs. One hub for the class; the platform outage comes last. The business clock
 * starts on Monday 2026-03-02 09:00 in Beijing and is moved to pass a deadline; health timing is wall-clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(T0);
    private Hub hub;

    @BeforeAll
    void start(@TempDir Path dir) {
        hub = Hub.start(dir, clock);
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    @Test
    @Order(1)
    void healthIsUpWithAComponentPerPlatform() {
        await().untilAsserted(() -> assertThat(status("/actuator/health")).isEqualTo("UP"));
        JsonNode health = json(hub.get("/actuator/health"));
        for (String platform : new String[] {"national", "provincial"}) {
            JsonNode component = health.at("/components/platforms/components/" + platform);
            assertThat(component.at("/status").asText()).isEqualTo("UP");
            assertThat(component.at("/details/reachable").asBoolean()).isTrue();
            assertThat(component.at("/details/banner").asText()).startsWith("SSH-2.0-");
            assertThat(component.at("/details/repliesLastPoll").asText()).isNotEqualTo("none since start");
            assertThat(component.at("/details/requestsLastPoll").asText()).isNotEqualTo("none since start");
        }
        assertThat(health.at("/components/camelHealth/status").asText()).isEqualTo("UP");

        HttpResponse<String> readiness = hub.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).at("/components").fieldNames()).toIterable()
                .contains("platforms", "camelReadinessState", "readinessState");
        HttpResponse<String> liveness = hub.get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).at("/components").fieldNames()).toIterable().doesNotContain("platforms");
        assertThat(hub.get("/actuator/info").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void prometheusShowsTheLedgerTheAlertsAndTheRoutes() {
        assertThat(hub.post("/api/requests", recordCheck("OPS-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
        assertThat(hub.post("/api/requests", recordCheck("OPS-2", "990101")).statusCode()).isEqualTo(400);
        await().until(() -> hub.ledger().find("OPS-1").orElseThrow().state() == RequestState.PUBLISHED);

        await().untilAsserted(() -> assertThat(prometheus())
                .contains("coophub_requests{direction=\"OUTBOUND\",state=\"PUBLISHED\"} 1.0")
                .contains("coophub_rejected_inputs{source=\"REST\"} 1.0")
                .contains("coophub_requests_overdue{direction=\"OUTBOUND\"} 0.0")
                .contains("coophub_requests_overdue{direction=\"INBOUND\"} 0.0")
                .contains("coophub_alerts_sent_total{kind=\"REPLY\",step=\"OVERDUE\"} 0.0"));
        // one of the two publishing routes of the national platform took it
        assertThat(prometheus()).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"publish-national-\\d\"[^}]*} 1\\.0");
        // every API call is timed; Spring Security's per-filter observations are off (they cost, and nobody reads them)
        assertThat(prometheus()).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/requests\"")
                .doesNotContain("spring_security_");

        // a record check is due 7 days later: past it, the request is overdue and the overdue alert is mailed
        clock.set(T0.plus(Duration.ofDays(7)).plusSeconds(60));
        await().untilAsserted(() -> assertThat(prometheus())
                .contains("coophub_requests_overdue{direction=\"OUTBOUND\"} 1.0")
                .contains("coophub_alerts_sent_total{kind=\"REPLY\",step=\"OVERDUE\"} 1.0"));
    }

    @Test
    @Order(3)
    void apiDocsDescribeEveryControllerPath() {
        RequestMappingHandlerMapping mappings = hub.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> controllerPaths = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            // the dashboard's HTML pages are marked @Hidden: they are for people, not part of the REST API
            if (method.getBeanType().getPackageName().equals("org.coophub.web")
                    && !method.getBeanType().isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                controllerPaths.addAll(info.getPatternValues());
            }
        });
        assertThat(controllerPaths).contains("/api/requests", "/api/requests/{requestId}/reply", "/api/alerts/{id}/ack");

        HttpResponse<String> docs = hub.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        Set<String> documented = new TreeSet<>();
        json(docs).at("/paths").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsAll(controllerPaths);

        // the bodies read as bytes are documented by annotation: schema, example and every answer
        JsonNode submit = json(docs).at("/paths/~1api~1requests/post");
        assertThat(submit.at("/responses").fieldNames()).toIterable().contains("202", "400", "409");
        assertThat(submit.at("/requestBody/content/application~1json/schema/$ref").asText())
                .endsWith("/CooperationRequest");
        assertThat(submit.at("/requestBody/content/application~1json/examples").toString()).contains("RECORD_CHECK");
        assertThat(json(docs).at("/paths/~1api~1requests~1{requestId}~1reply/post/responses").fieldNames()).toIterable()
                .contains("202", "400", "404", "409");
        assertThat(json(docs).at("/paths/~1alerts~1ack/get/responses").fieldNames()).toIterable().contains("410");
        assertThat(hub.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        // its calls log in with Basic (an Authorize button), which needs no CSRF token
        assertThat(json(docs).at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(json(docs).at("/security/0").has("basic")).isTrue();
    }

    @Test
    @Order(4)
    void aPlatformThatStopsIsDownAndTheHubNotReadyButAlive() {
        hub.simulator().stop("national");

        await().untilAsserted(() -> {
            assertThat(status("/actuator/health/platforms/national")).isEqualTo("DOWN");
            assertThat(hub.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        });
        assertThat(status("/actuator/health/platforms/provincial")).isEqualTo("UP");
        JsonNode national = json(hub.get("/actuator/health/platforms/national"));
        assertThat(national.at("/details/reachable").asBoolean()).isFalse();
        HttpResponse<String> liveness = hub.get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).at("/status").asText()).isEqualTo("UP");

        hub.simulator().start("national");
        await().untilAsserted(() -> assertThat(hub.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
    }

    @Test
    @Order(5)
    void aRouteThatIsNotStartedMakesTheHubNotReady() throws Exception {
        hub.bean(CamelContext.class).getRouteController().stopRoute("intake-from-jms");

        await().untilAsserted(() -> assertThat(hub.get("/actuator/health/readiness").statusCode()).isEqualTo(503));
        assertThat(hub.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        hub.bean(CamelContext.class).getRouteController().startRoute("intake-from-jms");
        await().untilAsserted(() -> assertThat(hub.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
    }

    private String status(String path) {
        return json(hub.get(path)).at("/status").asText();
    }

    private String prometheus() {
        HttpResponse<String> response = hub.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.statusCode() + " " + response.body(), e);
        }
    }
}
