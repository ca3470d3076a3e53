package org.coophub.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.coophub.alerts.AckTokens;
import org.coophub.alerts.AlertStore;
import org.coophub.alerts.AlertView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Alerts: the list with their state, and acknowledging one (which stops repeats of that step, not the next step),
 * by API or through the signed, expiring link in the email.
 */
@RestController
@Tag(name = "Alerts", description = "Deadline alerts: their state, and acknowledging one")
public class AlertsApi {

    private final AlertStore alerts;
    private final AckTokens tokens;
    private final Clock clock;

    public AlertsApi(AlertStore alerts, AckTokens tokens, Clock clock) {
        this.alerts = alerts;
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping(path = "/api/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Alerts with their step, deadline, state, sends, recipients and last error")
    @ApiResponse(responseCode = "200", description = "The alerts",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = AlertView.class))))
    public List<AlertView> list(@Parameter(description = "only this request's alerts") @RequestParam(required = false)
            String requestId,
            @Parameter(description = "at most this many (1..1000)") @RequestParam(defaultValue = "200") int limit) {
        return alerts.list(requestId, Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping(path = "/api/alerts/{id}/ack", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Acknowledge a sent alert",
            description = "Stops repeats of that step (not the next step). The body is optional: {\"by\": \"王警官\"}, "
                    + "at most 100 characters.")
    @ApiResponse(responseCode = "200", description = "Acknowledged",
            content = @Content(examples = @ExampleObject(value = "{\"id\": 42, \"state\": \"ACKNOWLEDGED\"}")))
    @ApiResponse(responseCode = "400", description = "Refused body: every broken rule as {field, rule, message}",
            content = @Content(schema = @Schema(implementation = ApiErrors.Refusal.class)))
    @ApiResponse(responseCode = "409", description = "Nothing to acknowledge (not sent yet, or already acknowledged)",
            content = @Content(examples = @ExampleObject(
                    value = "{\"id\": 42, \"error\": \"no sent alert 42 waiting for acknowledgement\"}")))
    public ResponseEntity<Map<String, Object>> acknowledge(@PathVariable long id,
            @RequestBody(required = false) byte[] body, Principal who) {
        String by = OptionalName.read(body, "by", "acknowledgement");
        return acknowledged(id, by == null ? who.getName() : by + " (" + who.getName() + ")");
    }

    /** The link in the email opens a page with one button, so that a mail scanner following links acknowledges nothing. */
    @GetMapping(path = "/alerts/ack", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The page behind the link in an alert email: one button that acknowledges")
    @ApiResponse(responseCode = "200", description = "The page")
    @ApiResponse(responseCode = "410", description = "The link is forged or expired")
    public ResponseEntity<String> confirmPage(@RequestParam String token) {
        OptionalLong id = tokens.verify(token);
        if (id.isEmpty()) {
            return expired();
        }
        return ResponseEntity.ok(page("确认收到提醒 " + id.getAsLong() + " Acknowledge alert " + id.getAsLong()
                + "<form method='post' action='/alerts/ack'><input type='hidden' name='token' value='"
                + HtmlUtils.htmlEscape(token) + "'><button type='submit'>确认 Acknowledge</button></form>"));
    }

    @PostMapping(path = "/alerts/ack", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The button of that page: acknowledges the alert the signed token names")
    @ApiResponse(responseCode = "200", description = "Acknowledged, or nothing to acknowledge")
    @ApiResponse(responseCode = "410", description = "The link is forged or expired")
    public ResponseEntity<String> acknowledgeByLink(@RequestParam String token, Principal who) {
        OptionalLong id = tokens.verify(token);
        if (id.isEmpty()) {
            return expired();
        }
        boolean done = alerts.acknowledge(id.getAsLong(), who.getName() + " (e-mail link)", OffsetDateTime.now(clock));
        return ResponseEntity.ok(page(done ? "已确认 Acknowledged. 此提醒不再重复 This alert will not repeat."
                : "此提醒无需确认 Nothing to acknowledge (already acknowledged, or not sent yet)."));
    }

    private ResponseEntity<Map<String, Object>> acknowledged(long id, String by) {
        boolean done = alerts.acknowledge(id, by, OffsetDateTime.now(clock));
        return done ? ResponseEntity.ok(Map.of("id", id, "state", "ACKNOWLEDGED"))
                : ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("id", id,
                        "error", "no sent alert " + id + " waiting for acknowledgement"));
    }

    private static ResponseEntity<String> expired() {
        return ResponseEntity.status(HttpStatus.GONE).body(page("链接无效或已过期 This link is invalid or has expired."));
    }

    private static String page(String content) {
        return "<!doctype html><html><head><meta charset='utf-8'><title>coophub</title></head><body><p>" + content
                + "</p></body></html>";
    }
}
