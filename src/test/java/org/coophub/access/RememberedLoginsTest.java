package org.coophub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.coophub.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

class RememberedLoginsTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final CountDownLatch checking = new CountDownLatch(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));

    /** Checks "system" / "right" like a password hash would, slowly when told to. */
    private final AuthenticationProvider hashes = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication attempt) {
            checks.incrementAndGet();
            try {
                checking.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!"right".equals(attempt.getCredentials())) {
                throw new BadCredentialsException("bad password");
            }
            return UsernamePasswordAuthenticationToken.authenticated(attempt.getName(), null,
                    AuthorityUtils.createAuthorityList("ROLE_SYSTEM"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private final RememberedLogins logins = new RememberedLogins(hashes, Duration.ofMinutes(5), clock);

    @Test
    void aLoginIsCheckedOnceAndRememberedUntilItExpires() {
        checking.countDown();
        assertThat(logins.authenticate(login("system", "right")).getName()).isEqualTo("system");
        assertThat(logins.authenticate(login("system", "right")).isAuthenticated()).isTrue();
        assertThat(checks).hasValue(1);

        clock.advance(Duration.ofMinutes(5));
        logins.authenticate(login("system", "right"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void aWrongPasswordIsAlwaysChecked() {
        checking.countDown();
        logins.authenticate(login("system", "right"));
        assertThatThrownBy(() -> logins.authenticate(login("system", "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> logins.authenticate(login("system", "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(3);
    }

    @Test
    void clientsLoggingInTogetherShareOneCheck() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Authentication>> answers = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(8);
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> {
                    started.countDown();
                    return logins.authenticate(login("system", "right"));
                }));
            }
            // the first check is held until every client is on its way, so the others arrive while it runs
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            while (checks.get() == 0) {
                Thread.onSpinWait();
            }
            checking.countDown();
            for (Future<Authentication> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS).isAuthenticated()).isTrue();
            }
            assertThat(checks).hasValue(1);
        } finally {
            clients.shutdownNow();
        }
    }

    private static UsernamePasswordAuthenticationToken login(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }
}
