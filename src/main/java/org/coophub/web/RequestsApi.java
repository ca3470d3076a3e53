package org.coophub.web;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/requests")
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
    public ResponseEntity<Receipt> submit(HttpServletRequest http) throws IOException {
        byte[] body = readAtMost(http.getInputStream(), maxBytes);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(intake.accept(body, Channel.REST, "POST /api/requests"));
    }

    @GetMapping(path = "/{requestId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<LedgerEntry> find(@PathVariable String requestId) {
        return ResponseEntity.of(ledger.find(requestId));
    }

    public record Signature(String signedBy) {
    }

    public record SignReceipt(String requestId, SignOutcome outcome) {
    }

    /** A unit signs for a request from another region (签收). */
    @PostMapping(path = "/{requestId}/sign", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SignReceipt> sign(@PathVariable String requestId,
            @RequestBody(required = false) Signature signature) {
        String signedBy = signature == null || signature.signedBy() == null || signature.signedBy().isBlank()
                ? "(not named)" : signature.signedBy().strip();
        SignOutcome outcome = ledger.sign(requestId, signedBy.length() > 100 ? signedBy.substring(0, 100) : signedBy);
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
