package org.coophub.ledger;

import java.time.OffsetDateTime;

public record RejectedInput(OffsetDateTime at, String source, String inputName, String reason) {
}
