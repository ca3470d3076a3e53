package org.coophub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.coophub.hashing.Sha256;
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
    private final Clock clock;
    private final Map<String, Remembered> logins = new ConcurrentHashMap<>();
    private final Map<String, Object> checking = new ConcurrentHashMap<>();

    RememberedLogins(AuthenticationProvider delegate, Duration remember) {
        this(delegate, remember, Clock.systemUTC());
    }

    RememberedLogins(AuthenticationProvider delegate, Duration remember, Clock clock) {
        this.delegate = delegate;
        this.remember = remember;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (!(attempt.getCredentials() instanceof String password)) {
            return delegate.authenticate(attempt);
        }
        String key = digest(attempt.getName(), password);
        Authentication known = remembered(key);
        if (known != null) {
            return known;
        }
        // Clients that connect together send the same login at once: one of them checks the hash, the others wait
        // for its answer instead of each spending the same tens of milliseconds of CPU.
        Object lock = checking.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            try {
                known = remembered(key);
                if (known != null) {
                    return known;
                }
                Authentication authenticated = delegate.authenticate(attempt);
                if (authenticated != null && authenticated.isAuthenticated()) {
                    if (logins.size() >= MAX_REMEMBERED) {
                        logins.clear();
                    }
                    logins.put(key, new Remembered(authenticated, clock.instant().plus(remember)));
                }
                return authenticated;
            } finally {
                checking.remove(key, lock);
            }
        }
    }

    private Authentication remembered(String key) {
        Remembered known = logins.get(key);
        return known != null && clock.instant().isBefore(known.until()) ? known.authentication() : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String digest(String name, String password) {
        MessageDigest sha = Sha256.newDigest();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    }
}
