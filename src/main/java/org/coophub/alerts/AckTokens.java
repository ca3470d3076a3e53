package org.coophub.alerts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring tokens for the acknowledgement link in an alert email, so that a link acknowledges exactly the
 * alert it was sent for, and only for a while, without the hub storing the tokens it issued.
 *
 * <p>A token is URL-safe base64 (no padding) of 16 bytes of payload, the alert id and the expiry in epoch seconds,
 * followed by their 32-byte HMAC-SHA256.
 */
public final class AckTokens {

    private static final String ALGORITHM = "HmacSHA256";
    /** Mixed into every MAC so that one made with the same secret for any other purpose never passes as a token. */
    private static final byte[] PURPOSE = "coophub-alert-ack-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int PAYLOAD_BYTES = 16;
    private static final int MAC_BYTES = 32;
    /** 48 bytes make exactly 64 base64 characters; anything else is refused before any decoding or hashing. */
    private static final int TOKEN_CHARS = 64;
    /** HMAC-SHA256 gets no stronger from a longer key; a shorter one would be guessable offline from one token. */
    static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;
    private final Clock clock;

    public AckTokens(byte[] secret, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = clock;
    }

    /** A token for the alert's link, valid from now for {@code validFor} (whole seconds). */
    public String issue(long alertId, Duration validFor) {
        if (validFor.getSeconds() < 1) {
            throw new IllegalArgumentException("a token must be valid for at least a second");
        }
        long expiry = clock.instant().plus(validFor).getEpochSecond();
        byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES).putLong(alertId).putLong(expiry).array();
        byte[] token = Arrays.copyOf(payload, PAYLOAD_BYTES + MAC_BYTES);
        System.arraycopy(mac(payload), 0, token, PAYLOAD_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The alert id the token was issued for; empty if it is malformed, was altered, or has expired. */
    public OptionalLong verify(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return OptionalLong.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return OptionalLong.empty();
        }
        byte[] payload = Arrays.copyOf(raw, PAYLOAD_BYTES);
        byte[] signature = Arrays.copyOfRange(raw, PAYLOAD_BYTES, raw.length);
        // constant time, so that response times do not reveal how much of a forged signature was right
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return OptionalLong.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(payload);
        long alertId = fields.getLong();
        long expiry = fields.getLong();
        return clock.instant().getEpochSecond() < expiry ? OptionalLong.of(alertId) : OptionalLong.empty();
    }

    private byte[] mac(byte[] payload) {
        try {
            // a Mac instance is not thread-safe, and tokens are issued and verified concurrently
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(PURPOSE);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
