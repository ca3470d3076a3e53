package org.coophub.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every call that changes state (anything but GET, HEAD, OPTIONS, TRACE) with who made it and how it
 * went; the login form is recorded by the login events instead (AuditListeners), with the name masked. It sits
 * in the security chain just before authorisation, so it knows the user and sees refusals too.
 */
class AuditFilter extends OncePerRequestFilter {

    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuditTrail audit;

    AuditFilter(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READ_ONLY.contains(request.getMethod()) || "/login".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (AccessDeniedException | AuthenticationException refused) {
            audit.record(user(), request.getMethod() + " " + request.getRequestURI(), AuditTrail.Outcome.DENIED,
                    refused.getClass().getSimpleName());
            throw refused;
        }
        int status = response.getStatus();
        AuditTrail.Outcome outcome = status == 401 || status == 403 ? AuditTrail.Outcome.DENIED
                : status >= 400 ? AuditTrail.Outcome.FAILURE : AuditTrail.Outcome.SUCCESS;
        audit.record(user(), request.getMethod() + " " + request.getRequestURI(), outcome, "HTTP " + status);
    }

    private static String user() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || !who.isAuthenticated() ? "(anonymous)" : who.getName();
    }
}
