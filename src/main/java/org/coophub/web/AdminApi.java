package org.coophub.web;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coophub.access.AuditTrail;
import org.coophub.intake.FieldError;
import org.coophub.intake.JsonFields;
import org.coophub.intake.QuarantineFolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN only (see SecurityConfiguration): the audit trail, and quarantined inputs put back after a fix. */
@RestController
public class AdminApi {

    private final AuditTrail audit;
    private final QuarantineFolder quarantine;

    public AdminApi(AuditTrail audit, QuarantineFolder quarantine) {
        this.audit = audit;
        this.quarantine = quarantine;
    }

    /** {@code from} and {@code to} are read as a request's createdAt is: with offset, in the range the ledger stores. */
    @GetMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<AuditTrail.Event> audit(@RequestParam(required = false) String user,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "500") int limit) {
        List<FieldError> errors = new ArrayList<>();
        OffsetDateTime start = from == null || from.isBlank() ? null : JsonFields.dateTime(from, "from", errors);
        OffsetDateTime end = to == null || to.isBlank() ? null : JsonFields.dateTime(to, "to", errors);
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return audit.find(user, start, end, limit);
    }

    @GetMapping(path = "/api/quarantine", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<QuarantineFolder.Kept> quarantined() throws IOException {
        return quarantine.list();
    }

    /** Puts a quarantined file back where it came from, to be taken again (after the sender or an admin fixed it). */
    @PostMapping(path = "/api/quarantine/{name}/requeue", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> requeue(@PathVariable String name) throws IOException {
        return quarantine.requeue(name)
                .map(back -> ResponseEntity.ok(Map.of("name", name, "requeuedTo", back.toString())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("name", name,
                        "error", "no quarantined file " + name)));
    }
}
