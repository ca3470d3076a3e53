package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.coophub.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AckTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-05T00:00:00Z"));
    private final AckTokens tokens = new AckTokens(SECRET, clock);

    @Test
    void aFreshTokenGivesBackItsAlertId() {
        String token = tokens.issue(42, Duration.ofDays(7));

        assertThat(token).matches("[A-Za-z0-9_-]{64}");
        assertThat(tokens.verify(token)).hasValue(42);
        assertThat(tokens.verify(tokens.issue(-1, Duration.ofDays(7)))).hasValue(-1);
    }

    @Test
    void aTokenExpiresAtTheEndOfItsValidity() {
        String token = tokens.issue(42, Duration.ofDays(7));

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(tokens.verify(token)).hasValue(42);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = tokens.issue(42, Duration.ofDays(7));
        char last = token.charAt(63);

        assertThat(tokens.verify(token.substring(0, 63) + (last == 'A' ? 'B' : 'A'))).isEmpty();
    }

    @Test
    void aTamperedIdOrExpiryIsRefused() {
        byte[] raw = Base64.getUrlDecoder().decode(tokens.issue(42, Duration.ofDays(7)));
        byte[] otherId = raw.clone();
        ByteBuffer.wrap(otherId).putLong(0, 43);
        byte[] longerLife = raw.clone();
        ByteBuffer.wrap(longerLife).putLong(8, ByteBuffer.wrap(raw).getLong(8) + 365 * 86_400L);

        assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(otherId))).isEmpty();
        assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(longerLife))).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void garbageIsRefused(String token) {
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aTokenFromAnotherSecretIsRefused() {
        byte[] otherSecret = SECRET.clone();
        otherSecret[0] ^= 1;

        assertThat(new AckTokens(otherSecret, clock).verify(tokens.issue(42, Duration.ofDays(7)))).isEmpty();
    }

    @Test
    void shortSecretsAndValiditiesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AckTokens(new byte[31], clock));
        assertThatIllegalArgumentException().isThrownBy(() -> tokens.issue(42, Duration.ofMillis(999)));
    }
}
