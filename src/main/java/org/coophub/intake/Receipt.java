package org.coophub.intake;

import org.coophub.ledger.RequestState;

/** The answer to a submitted request: durably stored (or stored before, if {@code duplicate}). */
public record Receipt(String requestId, RequestState state, boolean duplicate) {
}
