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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/requests")
public class RequestsApi {

    private final IntakeService intake;
    private final Ledger ledger;
    private final long maxBytes;

    public RequestsApi(IntakeService intake, Ledger ledger, IntakeProperties properties) {
        this.intake = intake;
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

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            throw new InvalidRequestException(List.of(new FieldError(FieldError.DOCUMENT, "size",
                    "the body is over the limit of " + max + " bytes (coophub.intake.max-size)")));
        }
        return body;
    }
}
