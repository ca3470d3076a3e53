package org.coophub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coophub.intake.FieldError;
import org.coophub.intake.JsonFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Refuses, for every call and page at once, a parameter whose value holds a character the ledger cannot take as it
 * is (rule {@code characters}, as in submitted documents): a {@code %00} in a search would otherwise reach
 * PostgreSQL, which answers U+0000 with an error, so a 500. The API answers with the usual list of errors, a page
 * with the same list for people. It runs after the security filters, so an unauthenticated caller still gets 401.
 * Only the query string is read here: reading a form body would leave nothing for a call that reads its body itself
 * ({@code curl -d} sends JSON as a form).
 */
@Component
public class ParameterCharacters extends OncePerRequestFilter {

    private final ObjectMapper json;

    public ParameterCharacters(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<FieldError> errors = new ArrayList<>();
        if (request.getQueryString() != null) {
            for (String parameter : request.getQueryString().split("&")) {
                int equals = parameter.indexOf('=');
                String name = decoded(equals < 0 ? parameter : parameter.substring(0, equals));
                String value = equals < 0 ? "" : decoded(parameter.substring(equals + 1));
                if (name != null && value != null) {
                    JsonFields.hasStorableCharacters(value, name, errors);
                }
            }
        }
        if (errors.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith("/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), new ApiErrors.Refusal(errors));
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(page(errors));
        }
    }

    /** As the servlet container decodes a query string; what it cannot decode is left to it. */
    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String page(List<FieldError> errors) {
        StringBuilder items = new StringBuilder();
        for (FieldError error : errors) {
            items.append("<li>").append(HtmlUtils.htmlEscape(error.toString())).append("</li>");
        }
        return "<!doctype html><html><head><meta charset='utf-8'><title>coophub</title></head><body>"
                + "<h1>参数有误 Bad parameter</h1><ul>" + items + "</ul><p><a href='/'>返回 Back to the overview</a></p>"
                + "</body></html>";
    }
}
