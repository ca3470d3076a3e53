package org.coophub.web;

import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dashboard page shows besides its own content: who is logged in. */
@ControllerAdvice(assignableTypes = {DashboardController.class, RequestPages.class, ReportPages.class})
public class PageModel {

    @ModelAttribute("user")
    public String user(Principal principal) {
        return principal == null ? "" : principal.getName();
    }
}
