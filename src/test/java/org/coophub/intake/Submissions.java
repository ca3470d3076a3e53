package org.coophub.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.routing.ScopeRule;

/** Valid submissions for tests to break one field at a time, from a Beijing (11) bureau. */
final class Submissions {

    static final String BUREAU_CODE = "110105000000";
    static final String PROVINCIAL_TARGET = "110108";
    static final String NATIONAL_TARGET = "310104";
    static final String ID_NUMBER = IdNumberFixtures.valid("110105", "19900307", "123");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2011-07-01T02:00:00Z"), ZoneOffset.ofHours(8));
    static final long MAX_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Submissions() {
    }

    static RequestParser parser() {
        return new RequestParser(new ScopeRule(BUREAU_CODE), CLOCK, MAX_BYTES);
    }

    /** A record check with every field given. */
    static ObjectNode recordCheck() {
        ObjectNode request = MAPPER.createObjectNode()
                .put("requestId", "req-2011_0001")
                .put("type", "RECORD_CHECK")
                .put("priority", "URGENT")
                .put("requestingRoom", "预审室 Pre-trial room 2")
                .put("targetRegion", PROVINCIAL_TARGET)
                .put("scope", "PROVINCIAL")
                .put("caseNumber", "京公朝刑字[2011]0042号");
        request.putArray("subjects").addObject().put("name", "张伟").put("idNumber", ID_NUMBER);
        return request.put("details", "户籍前科协查").put("createdAt", "2011-06-30T09:15:00+08:00");
    }

    /** A case verification with only the required fields. */
    static ObjectNode minimalCaseVerification() {
        return MAPPER.createObjectNode()
                .put("requestId", "r1")
                .put("type", "CASE_VERIFICATION")
                .put("targetRegion", NATIONAL_TARGET)
                .put("caseNumber", "2011-0042");
    }

    static byte[] bytes(ObjectNode request) {
        try {
            return MAPPER.writeValueAsBytes(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
