package org.coophub.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.coophub.inbound.InboundRequests.ID_NUMBER;
import static org.coophub.inbound.InboundRequests.bytes;
import static org.coophub.inbound.InboundRequests.fromShanghai;
import static org.coophub.inbound.InboundRequests.fromUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InboundRequestJsonTest {

    private final InboundRequestParser parser = InboundRequests.parser();

    @Test
    void writesTheRequestFieldsThenTheSender() {
        InboundRequest inbound = parser.parse(bytes(fromShanghai())).inbound();
        assertThat(new String(InboundRequestJson.write(inbound), UTF_8)).isEqualTo("{\"requestId\":\"sh-2011_0042\","
                + "\"type\":\"RECORD_CHECK\",\"priority\":\"URGENT\",\"targetRegion\":\"110105\",\"scope\":\"NATIONAL\","
                + "\"caseNumber\":\"沪公徐刑字[2011]0042号\",\"subjects\":[{\"name\":\"张伟\",\"idNumber\":\"" + ID_NUMBER
                + "\"}],\"createdAt\":\"2011-06-30T09:15:00+08:00\",\"fromRegion\":\"310104\","
                + "\"fromUnit\":{\"code\":\"310104000000\",\"name\":\"上海市公安局徐汇分局\"}}");
    }

    @Test
    void readsBackWhatItWrote() {
        InboundRequest inbound = parser.parse(bytes(fromShanghai())).inbound();
        assertThat(InboundRequestJson.read(InboundRequestJson.write(inbound))).isEqualTo(inbound);
    }

    @Test
    void writtenFormParsesAsAValidRequestToUs() {
        InboundRequest inbound = parser.parse(bytes(fromShanghai())).inbound();
        assertThat(parser.parse(InboundRequestJson.write(inbound)).inbound()).isEqualTo(inbound);
    }

    @Test
    void hashIgnoresWhitespaceAndFieldOrder() {
        ObjectNode reordered = fromShanghai();
        ObjectNode unit = (ObjectNode) reordered.remove("fromUnit");
        reordered.putObject("fromUnit").put("name", unit.get("name").asText()).put("code", unit.get("code").asText());
        reordered.set("requestId", reordered.remove("requestId"));
        String pretty = reordered.toPrettyString();

        assertThat(InboundRequestJson.contentHash(parser.parse(pretty.getBytes(UTF_8))))
                .isEqualTo(InboundRequestJson.contentHash(parser.parse(bytes(fromShanghai()))))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void hashLeavesOutADefaultedCreatedAt() {
        ObjectNode undated = fromShanghai();
        undated.remove("createdAt");
        InboundRequestParser later = InboundRequests.parser(
                Clock.fixed(Instant.parse("2011-07-02T02:00:00Z"), ZoneOffset.ofHours(8)));

        assertThat(InboundRequestJson.contentHash(later.parse(bytes(undated))))
                .isEqualTo(InboundRequestJson.contentHash(parser.parse(bytes(undated))));
    }

    @Test
    void hashCoversTheSender() {
        String hash = InboundRequestJson.contentHash(parser.parse(bytes(fromShanghai())));
        ObjectNode otherUnit = fromShanghai();
        fromUnit(otherUnit).put("code", "310115000000");

        assertThat(InboundRequestJson.contentHash(parser.parse(bytes(otherUnit)))).isNotEqualTo(hash);
        assertThat(InboundRequestJson.contentHash(parser.parse(bytes(fromShanghai().put("fromRegion", "310115")))))
                .isNotEqualTo(hash);
    }

    @Test
    void hashOfAStoredRequestCoversEveryField() {
        InboundRequest inbound = parser.parse(bytes(fromShanghai())).inbound();
        assertThat(InboundRequestJson.contentHash(inbound))
                .isEqualTo(InboundRequestJson.contentHash(InboundRequestJson.read(InboundRequestJson.write(inbound))))
                .isEqualTo(InboundRequestJson.contentHash(parser.parse(bytes(fromShanghai()))));
    }
}
