package org.coophub.access;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Puts every login in the audit trail. A local system using HTTP Basic logs in with every call, so its successful
 * logins are recorded with the action they carried (see {@link AuditFilter}), not twice.
 */
@Component
class AuditListeners {

    private final AuditTrail audit;

    AuditListeners(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void loggedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getDetails() instanceof org.springframework.security.web.authentication
                .WebAuthenticationDetails && !isBasic()) {
            audit.record(event.getAuthentication().getName(), "login", AuditTrail.Outcome.SUCCESS, null);
        }
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        audit.record(String.valueOf(event.getAuthentication().getName()), "login", AuditTrail.Outcome.FAILURE,
                event.getException().getClass().getSimpleName());
    }

    private static boolean isBasic() {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet) {
            String header = servlet.getRequest().getHeader("Authorization");
            return header != null && header.startsWith("Basic ");
        }
        return false;
    }
}
