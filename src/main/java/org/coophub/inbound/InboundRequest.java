package org.coophub.inbound;

import org.coophub.request.CooperationRequest;
import org.coophub.request.Unit;

/**
 * A request another region sends our bureau: the request format plus who sent it.
 *
 * @param fromRegion the sender's 6-digit GB/T 2260 region code
 * @param fromUnit   the sending unit
 */
public record InboundRequest(CooperationRequest request, String fromRegion, Unit fromUnit) {
}
