package org.coophub.ledger;

import java.time.OffsetDateTime;

public record HistoryEntry(OffsetDateTime at, String state, String reason) {
}
