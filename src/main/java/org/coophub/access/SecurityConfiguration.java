package org.coophub.access;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;

/**
 * Everything but health needs a login: a form for people, HTTP Basic for local systems. Roles (see {@link Role}):
 * ADMIN includes LIAISON includes VIEWER.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String[] READERS = {"VIEWER", "SYSTEM"};
    private static final String[] ACTORS = {"LIAISON", "SYSTEM"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager users(AccessProperties access, PasswordEncoder encoder,
            @Value("${coophub.access.initial-passwords:data/initial-passwords.txt}") Path initialPasswords) {
        return UserDirectory.of(access, encoder, initialPasswords);
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("ADMIN").implies("LIAISON")
                .role("LIAISON").implies("VIEWER").build();
    }

    /**
     * Once an ADMIN may see configuration values (show-values), Boot 3 hides none by its key: this function is all
     * that keeps secrets such as coophub.alerts.mail.ack-secret, which forges any acknowledgement link, off
     * /actuator/configprops. One plain rule, so that anyone can tell from a key alone whether its value shows: hidden
     * when any part of the key contains one of these words, whatever its case, spelling (ackSecret, secret-key) or
     * place. It hides some harmless values too (a private key's path, coophub.simulator.keys, Camel's tokenize
     * switches), which an administrator reads in config/ anyway; a rule sharp enough to spare them would be one a new
     * secret could slip past.
     */
    @Bean
    SanitizingFunction secrets() {
        return SanitizingFunction.sanitizeValue()
                .ifKeyContains("password", "passphrase", "secret", "token", "key", "credential", "hash");
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http, AuditTrail audit, InMemoryUserDetailsManager users,
            PasswordEncoder encoder, AuthenticationEventPublisher loginEvents) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        ProviderManager logins = new ProviderManager(new RememberedLogins(passwords, Duration.ofMinutes(5)));
        // a ProviderManager made by hand publishes nothing by default, and AuditListeners would never hear of a login
        logins.setAuthenticationEventPublisher(loginEvents);
        http.authenticationManager(logins);
        http.addFilterBefore(new AuditFilter(audit), AuthorizationFilter.class);
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/error").permitAll()
                .requestMatchers("/webjars/**", "/css/**", "/favicon.ico").permitAll()
                .requestMatchers("/actuator/**", "/api/audit/**", "/api/quarantine/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.PUT, "/api/assessment/**").hasAnyRole("ADMIN", "SYSTEM")
                .requestMatchers(HttpMethod.POST, "/api/alerts/**", "/alerts/ack").hasRole("LIAISON")
                .requestMatchers(HttpMethod.POST, "/api/requests", "/api/requests/*/sign", "/api/requests/*/reply")
                .hasAnyRole(ACTORS)
                .requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs/**").hasAnyRole(READERS)
                .anyRequest().hasRole("VIEWER"))
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        RequestMatchers.allOf(new AntPathRequestMatcher("/api/**"), ownCredentialsOrNone()),
                        // the signed token in an acknowledgement link is itself proof that the form came from the e-mail
                        new AntPathRequestMatcher("/alerts/ack")));
        return http.build();
    }

    /**
     * The session cookie is SameSite=Lax, but a browser too old for that, or a site on the same domain, can still
     * post with it; no other site can add an Authorization header (that takes CORS, which the hub does not allow). So
     * an API call carrying one (local systems send Basic with every call) needs no CSRF token, nor does one without
     * a live session, which has no login to abuse and is answered 401 (a client still holding a cookie from before a
     * restart must be asked for Basic, not refused); a call riding on a session does.
     */
    private static RequestMatcher ownCredentialsOrNone() {
        return RequestMatchers.anyOf(new RequestHeaderRequestMatcher(HttpHeaders.AUTHORIZATION),
                request -> !request.isRequestedSessionIdValid());
    }
}
