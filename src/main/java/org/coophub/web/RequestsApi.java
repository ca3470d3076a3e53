package org.coophub.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.coophub.intake.Channel;
import org.coophub.intake.FieldError;
import org.coophub.intake.IntakeProperties;
import org.coophub.intake.IntakeService;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.Receipt;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.SignOutcome;
import org.coophub.replies.LocalReplies;
import org.coophub.replies.Reply;
import org.coophub.request.CooperationRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cooperation requests: ours (submitted, then followed in the ledger) and those other regions sent us (signed for and
 * answered). The request and reply bodies are read as bytes and checked by the same parsers as files and JMS messages,
 * so their schemas are documented here by annotation.
 */
@RestController
@RequestMapping("/api/requests")
@Tag(name = "Requests", description = "Submit and follow our requests; sign for and answer requests from other regions")
public class RequestsApi {

    private final IntakeService intake;
    private final LocalReplies replies;
    private final Ledger ledger;
    private final long maxBytes;

    public RequestsApi(IntakeService intake, LocalReplies replies, Ledger ledger, IntakeProperties properties) {
        this.intake = intake;
        this.replies = replies;
        this.ledger = ledger;
        this.maxBytes = properties.maxSize().toBytes();
    }

    /** 202 once the request is durably stored and queued; the body is read as bytes so that encoding is checked too. */
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a cooperation request",
            description = "Validated (every broken rule is reported), stored in the ledger and queued for the platform the "
                    + "scope rule names: same province provincial, another province national. Unknown fields are refused; "
                    + "the same requestId with identical content is a duplicate, with different content a conflict.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The request format (UTF-8 JSON, at most coophub.intake.max-size bytes)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = CooperationRequest.class),
                            examples = @ExampleObject(name = "record check", value = ApiExamples.REQUEST))))
    @ApiResponse(responseCode = "202", description = "Stored durably and queued for publication (or a duplicate)",
            content = @Content(schema = @Schema(implementation = Receipt.class),
                    examples = @ExampleObject(value = ApiExamples.RECEIPT)))
    @ApiResponse(responseCode = "400", description = "Refused: every broken rule as {field, rule, message}",
            content = @Content(schema = @Schema(implementation = ApiErrors.Refusal.class),
                    examples = @ExampleObject(value = ApiExamples.REFUSAL)))
    @ApiResponse(responseCode = "409", description = "The requestId was used for a request with different content",
            content = @Content(schema = @Schema(implementation = ApiErrors.Refusal.class),
                    examples = @ExampleObject(value = ApiExamples.CONFLICT)))
    public ResponseEntity<Receipt> submit(HttpServletRequest http) throws IOException {
        byte[] body = readAtMost(http.getInputStream(), maxBytes);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(intake.accept(body, Channel.REST, "POST /api/requests"));
    }

    @GetMapping(path = "/{requestId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A request with its state, deadlines, reply and full history",
            description = "Either direction: OUTBOUND (ours) or INBOUND (sent to us by another region).")
    @ApiResponse(responseCode = "200", description = "The ledger entry",
            content = @Content(schema = @Schema(implementation = LedgerEntry.class)))
    @ApiResponse(responseCode = "404", description = "No request with this id", content = @Content)
    public ResponseEntity<LedgerEntry> find(@Parameter(example = "CY-2026-0001") @PathVariable String requestId) {
        return ResponseEntity.of(ledger.find(requestId).map(LedgerEntry::withPersonalDataMasked));
    }

    public record SignReceipt(String requestId, SignOutcome outcome) {
    }

    /** A unit signs for a request from another region (签收). */
    @PostMapping(path = "/{requestId}/sign", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Sign for a request from another region (签收)",
            description = "Stops the sign-for alerts. The body is optional: {\"signedBy\": \"李警官\"}, at most 100 "
                    + "characters; without signedBy the signer is \"(not named)\".",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(value = "{\"signedBy\": \"李警官\"}"))))
    @ApiResponse(responseCode = "200", description = "SIGNED, or ALREADY_SIGNED",
            content = @Content(schema = @Schema(implementation = SignReceipt.class),
                    examples = @ExampleObject(value = "{\"requestId\": \"SH-2026-77\", \"outcome\": \"SIGNED\"}")))
    @ApiResponse(responseCode = "400", description = "Refused body: every broken rule as {field, rule, message}",
            content = @Content(schema = @Schema(implementation = ApiErrors.Refusal.class)))
    @ApiResponse(responseCode = "404", description = "No request with this id (outcome NOT_FOUND)",
            content = @Content(schema = @Schema(implementation = SignReceipt.class)))
    @ApiResponse(responseCode = "409", description = "One of our own requests (NOT_INBOUND), or already answered (TOO_LATE)",
            content = @Content(schema = @Schema(implementation = SignReceipt.class)))
    public ResponseEntity<SignReceipt> sign(@PathVariable String requestId,
            @RequestBody(required = false) byte[] body) {
        String signedBy = OptionalName.read(body, "signedBy", "signature");
        SignOutcome outcome = ledger.sign(requestId, signedBy == null ? "(not named)" : signedBy);
        HttpStatus status = switch (outcome) {
            case SIGNED, ALREADY_SIGNED -> HttpStatus.OK;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_INBOUND, TOO_LATE -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).body(new SignReceipt(requestId, outcome));
    }

    /**
     * Our reply to a request from another region (the reply format; attachments it names must lie in
     * {@code coophub.replies.outbox}). 202 once stored and queued for the platform the request came from.
     */
    @PostMapping(path = "/{requestId}/reply", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Our reply to a request from another region",
            description = "Validated, stored, and queued for the platform the request came from. Attachments it names "
                    + "must lie in coophub.replies.outbox and match their size and SHA-256. The same reply again is a "
                    + "duplicate.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The reply format (UTF-8 JSON); its requestId must be the one in the path",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = Reply.class),
                            examples = @ExampleObject(name = "statement taken", value = ApiExamples.REPLY))))
    @ApiResponse(responseCode = "202", description = "Stored and queued for the platform",
            content = @Content(schema = @Schema(implementation = Receipt.class),
                    examples = @ExampleObject(value = ApiExamples.REPLY_RECEIPT)))
    @ApiResponse(responseCode = "400", description = "Refused: broken rules, or an attachment that does not match its hash",
            content = @Content(schema = @Schema(implementation = ApiErrors.Refusal.class)))
    @ApiResponse(responseCode = "404", description = "No request with this id",
            content = @Content(schema = @Schema(implementation = ApiErrors.Refusal.class)))
    @ApiResponse(responseCode = "409", description = "A different reply exists, or the request is one of ours",
            content = @Content(schema = @Schema(implementation = ApiErrors.Refusal.class)))
    public ResponseEntity<Receipt> reply(@PathVariable String requestId, HttpServletRequest http) throws IOException {
        byte[] body = readAtMost(http.getInputStream(), maxBytes);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(replies.accept(requestId, body, Channel.REST, "POST /api/requests/" + requestId + "/reply"));
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            throw new InvalidRequestException(List.of(new FieldError(FieldError.DOCUMENT, "size",
                    "the body is over the limit of " + max + " bytes (coophub.intake.max-size)")));
        }
        return body;
    }
}
