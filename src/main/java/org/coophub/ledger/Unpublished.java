package org.coophub.ledger;

/** A request the ledger holds that is not yet on its platform. */
public record Unpublished(String requestId, String platform) {
}
