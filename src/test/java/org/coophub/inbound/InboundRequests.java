package org.coophub.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.routing.ScopeRule;

/** Valid requests to our Beijing (11) bureau, for tests to break one field at a time. */
final class InboundRequests {

    static final String BUREAU_CODE = "110105000000";
    static final String ID_NUMBER = IdNumberFixtures.valid("110105", "19900307", "123");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2011-07-01T02:00:00Z"), ZoneOffset.ofHours(8));
    static final long MAX_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InboundRequests() {
    }

    static InboundRequestParser parser() {
        return parser(CLOCK);
    }

    static InboundRequestParser parser(Clock clock) {
        return new InboundRequestParser(new ScopeRule(BUREAU_CODE), clock, MAX_BYTES);
    }

    /** A record check Shanghai (31) sends across provinces about a person in Beijing (11). */
    static ObjectNode fromShanghai() {
        ObjectNode request = MAPPER.createObjectNode()
                .put("requestId", "sh-2011_0042")
                .put("type", "RECORD_CHECK")
                .put("priority", "URGENT")
                .put("targetRegion", "110105")
                .put("scope", "NATIONAL")
                .put("caseNumber", "沪公徐刑字[2011]0042号");
        request.putArray("subjects").addObject().put("name", "张伟").put("idNumber", ID_NUMBER);
        request.put("createdAt", "2011-06-30T09:15:00+08:00").put("fromRegion", "310104");
        request.putObject("fromUnit").put("code", "310104000000").put("name", "上海市公安局徐汇分局");
        return request;
    }

    static ObjectNode fromUnit(ObjectNode request) {
        return (ObjectNode) request.get("fromUnit");
    }

    static byte[] bytes(ObjectNode request) {
        try {
            return MAPPER.writeValueAsBytes(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
