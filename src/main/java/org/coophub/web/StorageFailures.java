package org.coophub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.coophub.intake.FieldError;
import org.coophub.platform.Failures;
import org.coophub.platform.Outages;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.JmsException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The ledger or the broker failing under an API call: what was sent is not accepted, and the caller is told so in the
 * usual list of errors rather than Spring's bare 500; with 503 and a Retry-After while the failure is an outage
 * ({@link Outages}), so that the local system sends it again. Sent again, a request that was stored after all (its
 * broker commit failed after the ledger's) is answered as a duplicate and published by the recovery sweep. The
 * dashboard's pages keep Spring's error page.
 */
@RestControllerAdvice(annotations = RestController.class)
public class StorageFailures {

    private static final Logger log = LoggerFactory.getLogger(StorageFailures.class);
    /** Long enough for a broker or database restart. */
    private static final String RETRY_AFTER_SECONDS = "30";

    @ExceptionHandler({DataAccessException.class, TransactionException.class, JmsException.class})
    ResponseEntity<ApiErrors.Refusal> failed(RuntimeException failure, HttpServletRequest http) {
        String what = failure instanceof JmsException ? "the broker" : "the ledger";
        log.error("{} {} failed on {}: {}", http.getMethod(), http.getRequestURI(), what,
                PersonalData.maskText(Failures.describe(failure)));
        boolean outage = Outages.isOutage(failure);
        ResponseEntity.BodyBuilder answer = outage
                ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                : ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR);
        String when = outage ? " for now" : "";
        String message = "GET".equals(http.getMethod()) ? what + " cannot be read" + when + "; ask again later"
                : "not accepted: " + what + " could not store it" + when + "; send it again later";
        return answer.body(new ApiErrors.Refusal(List.of(new FieldError(FieldError.DOCUMENT, "unavailable", message))));
    }
}
