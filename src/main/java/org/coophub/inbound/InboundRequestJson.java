package org.coophub.inbound;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.coophub.hashing.Sha256;
import org.coophub.intake.CanonicalJson;
import org.coophub.intake.RequestJson;
import org.coophub.request.CooperationRequest;

/**
 * The canonical JSON form of a request to us: the request's canonical fields (see {@link RequestJson}),
 * then {@code fromRegion} and {@code fromUnit}.
 */
public final class InboundRequestJson {

    private InboundRequestJson() {
    }

    public static byte[] write(InboundRequest inbound) {
        CooperationRequest request = inbound.request();
        return CanonicalJson.object(json -> {
            RequestJson.writeFields(json, request, request.scope(), request.createdAt());
            writeSender(json, inbound);
        });
    }

    /** Reads back what {@link #write} wrote; the input is trusted, so it is not validated again. */
    public static InboundRequest read(byte[] json) {
        JsonNode node = CanonicalJson.read(json, "inbound request");
        return new InboundRequest(RequestJson.read(node), CanonicalJson.text(node, "fromRegion"),
                CanonicalJson.unit(node, "fromUnit"));
    }

    /** Hex SHA-256 of the canonical form, every field included. */
    public static String contentHash(InboundRequest inbound) {
        return Sha256.hex(write(inbound));
    }

    /**
     * Hex SHA-256 of the request as submitted: a createdAt the parser defaulted is left out, since it
     * differs on every delivery of the same document.
     */
    public static String contentHash(ParsedInboundRequest parsed) {
        InboundRequest inbound = parsed.inbound();
        return Sha256.hex(CanonicalJson.object(json -> {
            RequestJson.writeSubmitted(json, parsed.parsed());
            writeSender(json, inbound);
        }));
    }

    private static void writeSender(JsonGenerator json, InboundRequest inbound) throws IOException {
        CanonicalJson.writeIfPresent(json, "fromRegion", inbound.fromRegion());
        CanonicalJson.writeUnit(json, "fromUnit", inbound.fromUnit());
    }
}
