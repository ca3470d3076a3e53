package org.coophub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers a successful login for a few minutes. A local system sends its password (HTTP Basic) with every call,
 * and checking a bcrypt hash costs tens of milliseconds of CPU on purpose: without this, relaying requests would be
 * limited to a few dozen per second. Only a digest of name and password is kept, in memory; a wrong password is
 * always checked against the hash.
 */
final class RememberedLogins implements AuthenticationProvider {

    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(Authentication authentication, Instant until) {
    }

    private final AuthenticationProvider delegate;
    private final Duration remember;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Remembered> logins = new ConcurrentHashMap<>();

    RememberedLogins(AuthenticationProvider delegate, Duration remember) {
        this.delegate = delegate;
        this.remember = remember;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (!(attempt.getCredentials() instanceof String password)) {
            return delegate.authenticate(attempt);
        }
        String key = digest(attempt.getName(), password);
        Remembered known = logins.get(key);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.until())) {
            return known.authentication();
        }
        Authentication authenticated = delegate.authenticate(attempt);
        if (authenticated != null && authenticated.isAuthenticated()) {
            if (logins.size() >= MAX_REMEMBERED) {
                logins.clear();
            }
            logins.put(key, new Remembered(authenticated, now.plus(remember)));
        }
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String digest(String name, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
