package org.coophub.web;

import io.swagger.v3.oas.annotations.Hidden;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.coophub.alerts.AlertStore;
import org.coophub.intake.FieldError;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerEntry;
import org.coophub.ledger.RequestSearch;
import org.coophub.ledger.RequestState;
import org.coophub.reporting.ReportingRules;
import org.coophub.request.RequestType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import jakarta.servlet.http.HttpServletResponse;

/** The request list (searchable, paged, newest first) and one request's page. Personal data is shown masked. */
@Controller
@Hidden // pages for people, not part of the REST API's OpenAPI document
public class RequestPages {

    static final int PAGE_SIZE = 25;

    private final Ledger ledger;
    private final RequestSearch requests;
    private final AlertStore alerts;
    private final ObjectMapper json;
    private final ZoneId zone;

    public RequestPages(Ledger ledger, RequestSearch requests, AlertStore alerts, ObjectMapper json,
            @Value("${coophub.zone:Asia/Shanghai}") ZoneId zone) {
        this.ledger = ledger;
        this.requests = requests;
        this.alerts = alerts;
        this.json = json;
        this.zone = zone;
    }

    /** The search form as typed, so that the page shows it back and links keep it. */
    public record Form(String requestId, String direction, String type, String state, String room, String region,
            String from, String to) {
    }

    @GetMapping("/requests")
    public String list(@RequestParam(required = false) String requestId, @RequestParam(required = false) String direction,
            @RequestParam(required = false) String type, @RequestParam(required = false) String state,
            @RequestParam(required = false) String room, @RequestParam(required = false) String region,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") String page, Model model) {
        Form form = new Form(trim(requestId, 64), direction, type, state, trim(room, 100), trim(region, 6), from, to);
        List<FieldError> errors = new ArrayList<>();
        Direction dir = choice(Direction.class, "direction", direction, errors);
        RequestType requestType = choice(RequestType.class, "type", type, errors);
        RequestState requestState = choice(RequestState.class, "state", state, errors);
        LocalDate fromDate = blank(from) ? null : ReportingRules.date("from", from.strip(), errors);
        LocalDate toDate = blank(to) ? null : ReportingRules.date("to", to.strip(), errors);
        int pageNumber = 0;
        try {
            pageNumber = Math.max(0, Math.min(100_000, Integer.parseInt(page.strip())));
        } catch (NumberFormatException e) {
            errors.add(new FieldError("page", "integer", "must be a whole number: " + page));
        }
        RequestSearch.Page result = requests.search(new RequestSearch.Search(form.requestId(), dir, requestType,
                requestState, form.room(), form.region(),
                fromDate == null ? null : fromDate.atStartOfDay(zone).toOffsetDateTime(),
                toDate == null ? null : toDate.plusDays(1).atStartOfDay(zone).toOffsetDateTime()), pageNumber, PAGE_SIZE);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("result", result);
        model.addAttribute("directions", Direction.values());
        model.addAttribute("types", RequestType.values());
        model.addAttribute("states", RequestState.values());
        model.addAttribute("previous", result.page() > 0 ? pageLink(form, result.page() - 1) : null);
        model.addAttribute("next", result.page() + 1 < result.pages() ? pageLink(form, result.page() + 1) : null);
        return "requests";
    }

    /** A person a request is about, as pages show them. */
    public record MaskedSubject(String name, String idNumber) {
    }

    @GetMapping("/requests/{requestId}")
    public String request(@PathVariable String requestId, Model model, HttpServletResponse response) {
        Optional<LedgerEntry> found = ledger.find(requestId);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("requestId", requestId);
            return "request-not-found";
        }
        LedgerEntry entry = found.get();
        List<MaskedSubject> subjects = new ArrayList<>();
        String details = null;
        JsonNode payload = read(ledger.payload(requestId).orElse(null));
        if (payload != null) {
            for (JsonNode subject : payload.path("subjects")) {
                subjects.add(new MaskedSubject(Show.name(subject.path("name").asText(null)),
                        Show.idNumber(subject.path("idNumber").asText(null))));
            }
            details = Show.text(payload.path("details").asText(null));
        }
        JsonNode reply = read(ledger.replyPayload(requestId).orElse(null));
        model.addAttribute("entry", entry);
        model.addAttribute("subjects", subjects);
        model.addAttribute("details", details);
        model.addAttribute("replyContent", reply == null ? null : Show.text(reply.path("content").asText(null)));
        model.addAttribute("alerts", alerts.list(requestId, 50));
        return "request";
    }

    private JsonNode read(String document) {
        if (document == null) {
            return null;
        }
        try {
            return json.readTree(document);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String pageLink(Form form, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/requests");
        add(link, "requestId", form.requestId());
        add(link, "direction", form.direction());
        add(link, "type", form.type());
        add(link, "state", form.state());
        add(link, "room", form.room());
        add(link, "region", form.region());
        add(link, "from", form.from());
        add(link, "to", form.to());
        return link.queryParam("page", page).encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder link, String name, String value) {
        if (!blank(value)) {
            link.queryParam(name, value);
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String value, List<FieldError> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "enum", "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static String trim(String value, int max) {
        if (blank(value)) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
