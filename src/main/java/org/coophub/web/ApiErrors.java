package org.coophub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.coophub.intake.Channel;
import org.coophub.intake.FieldError;
import org.coophub.intake.InvalidRequestException;
import org.coophub.intake.RequestConflictException;
import org.coophub.ledger.Ledger;
import org.coophub.privacy.PersonalData;
import org.coophub.replies.AttachmentMismatchException;
import org.coophub.replies.ReplyRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** How the REST API reports refused requests: a list of {field, rule, message}, never a stack trace. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final Ledger ledger;

    public ApiErrors(Ledger ledger) {
        this.ledger = ledger;
    }

    public record Refusal(List<FieldError> errors) {
    }

    /** Recorded under the call that was refused, since requests, replies and detention figures all come this way. */
    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Refusal> invalid(InvalidRequestException refusal, HttpServletRequest http) {
        String reason = PersonalData.maskText(refusal.getMessage());
        ledger.recordRejectedInput(Channel.REST.name(), http.getMethod() + " " + http.getRequestURI(), reason);
        log.warn("Refused {} {}: {}", http.getMethod(), http.getRequestURI(), reason.replace('\n', ' '));
        return ResponseEntity.badRequest().body(new Refusal(refusal.errors()));
    }

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<Refusal> invalidQuery(InvalidQueryException refusal) {
        return ResponseEntity.badRequest().body(new Refusal(refusal.errors()));
    }

    /**
     * A parameter or path segment that is not of its type, e.g. {@code ?limit=x} or {@code /api/alerts/abc/ack}:
     * named like any other broken rule instead of Spring's bare 400. The only typed ones are whole numbers (limits,
     * an alert's id); the others are taken as text and checked by their own rules.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Refusal> mismatch(MethodArgumentTypeMismatchException mismatch) {
        return ResponseEntity.badRequest().body(new Refusal(List.of(new FieldError(mismatch.getName(), "integer",
                "must be a whole number (" + mismatch.getParameter().getParameterType().getSimpleName() + "): "
                        + PersonalData.maskText(String.valueOf(mismatch.getValue()))))));
    }

    @ExceptionHandler(ReplyRefusedException.class)
    ResponseEntity<Refusal> refused(ReplyRefusedException refusal) {
        log.warn("Refused a reply via REST: {}", refusal.getMessage());
        HttpStatus status = refusal.reason() == ReplyRefusedException.Reason.UNKNOWN_REQUEST
                ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return ResponseEntity.status(status).body(new Refusal(List.of(
                new FieldError("requestId", refusal.reason().name().toLowerCase().replace('_', '-'), refusal.getMessage()))));
    }

    @ExceptionHandler(AttachmentMismatchException.class)
    ResponseEntity<Refusal> attachment(AttachmentMismatchException mismatch) {
        log.warn("Refused a reply via REST: {}", mismatch.getMessage());
        return ResponseEntity.badRequest().body(new Refusal(List.of(
                new FieldError("attachments", "sha256", mismatch.getMessage()))));
    }

    @ExceptionHandler(RequestConflictException.class)
    ResponseEntity<Refusal> conflict(RequestConflictException conflict) {
        log.warn("Refused a request via REST: {}", conflict.getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new Refusal(List.of(
                new FieldError("requestId", "unique", conflict.getMessage()))));
    }
}
