package org.coophub.intake;

import org.coophub.request.CooperationRequest;

/**
 * A validated request plus what its content hash needs to know about the submission: a defaulted
 * createdAt differs on every parse, so it must not take part in the hash.
 */
public record ParsedRequest(CooperationRequest request, boolean createdAtGiven) {
}
