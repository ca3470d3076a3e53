package org.coophub.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.coophub.alerts.AlertScheduleProperties;
import org.coophub.alerts.AlertStore;
import org.coophub.intake.QuarantineFolder;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.OpenRequests;
import org.coophub.ledger.RequestState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The overview page: what is open, what is due or late, the platforms, the alerts and the refused inputs. */
@Controller
@Hidden // pages for people, not part of the REST API's OpenAPI document
public class DashboardController {

    private static final Logger log = LoggerFactory.getLogger(DashboardController.class);
    static final Map<Direction, List<RequestState>> STATES = Map.of(
            Direction.OUTBOUND, List.of(RequestState.ACCEPTED, RequestState.RETRYING, RequestState.PUBLISHED,
                    RequestState.REPLIED),
            Direction.INBOUND, List.of(RequestState.RECEIVED, RequestState.SIGNED, RequestState.ANSWERED,
                    RequestState.CLOSED));
    /** At most this many overdue and due-soon requests are listed (the most late and the soonest due). */
    static final int SHOWN = 100;

    private final Ledger ledger;
    private final OpenRequests openRequests;
    private final AlertStore alerts;
    private final QuarantineFolder quarantine;
    private final CompositeHealthContributor platforms;
    private final AlertScheduleProperties schedule;
    private final Clock clock;
    private final String bureauName;

    public DashboardController(Ledger ledger, OpenRequests openRequests, AlertStore alerts, QuarantineFolder quarantine,
            @Qualifier("platformsHealthContributor") CompositeHealthContributor platforms,
            AlertScheduleProperties schedule, Clock clock, @Value("${coophub.bureau.name}") String bureauName) {
        this.ledger = ledger;
        this.openRequests = openRequests;
        this.alerts = alerts;
        this.quarantine = quarantine;
        this.platforms = platforms;
        this.schedule = schedule;
        this.clock = clock;
        this.bureauName = bureauName;
    }

    /** One direction's counts, by state in the order of a request's life, and how many are still open. */
    public record DirectionCounts(Direction direction, Map<RequestState, Long> byState, long open, long total) {
    }

    /** A waiting request with its deadline, how long is left (due soon) or how late it is (overdue), whom it waits on. */
    public record Deadline(OpenRequests.Waiting request, String kind, OffsetDateTime deadline, Duration distance,
            String waitsOn) {
    }

    public record Platform(String name, String status, boolean up, Object reachable, String repliesLastPoll,
            String requestsLastPoll, String problem) {
    }

    @GetMapping("/")
    public String overview(Model model) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        model.addAttribute("now", now);
        model.addAttribute("counts", counts());

        Duration lead = schedule.dueSoonLead().compareTo(schedule.urgentDueSoonLead()) >= 0
                ? schedule.dueSoonLead() : schedule.urgentDueSoonLead();
        List<Deadline> dueSoon = new ArrayList<>();
        List<Deadline> overdue = new ArrayList<>();
        for (OpenRequests.Waiting waiting : openRequests.waiting(now.plus(lead))) {
            OffsetDateTime deadline = waiting.deadline();
            if (deadline == null) {
                continue;
            }
            String kind = deadline.equals(waiting.signForDue()) && waiting.state() == RequestState.RECEIVED
                    ? "签收 sign-for" : "回复 reply";
            if (deadline.isBefore(now)) {
                overdue.add(new Deadline(waiting, kind, deadline, Duration.between(deadline, now), waitsOn(waiting)));
            } else if (!deadline.isAfter(now.plus(schedule.dueSoonLead(waiting.priority())))) {
                dueSoon.add(new Deadline(waiting, kind, deadline, Duration.between(now, deadline), waitsOn(waiting)));
            }
        }
        overdue.sort((a, b) -> b.distance().compareTo(a.distance()));
        model.addAttribute("dueSoonTotal", dueSoon.size());
        model.addAttribute("overdueTotal", overdue.size());
        // the most urgent ones; the list page finds the rest
        model.addAttribute("dueSoon", dueSoon.subList(0, Math.min(SHOWN, dueSoon.size())));
        model.addAttribute("overdue", overdue.subList(0, Math.min(SHOWN, overdue.size())));
        model.addAttribute("platforms", platforms());
        model.addAttribute("alerts", alerts.list(null, 20));
        model.addAttribute("rejected", ledger.rejectedInputs(20));
        List<QuarantineFolder.Kept> kept;
        try {
            kept = quarantine.list();
        } catch (IOException e) {
            log.warn("Could not list the quarantine folder: {}", e.toString());
            kept = List.of();
        }
        model.addAttribute("quarantined", kept);
        return "overview";
    }

    private List<DirectionCounts> counts() {
        Map<Direction, Map<RequestState, Long>> byDirection = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            Map<RequestState, Long> states = new java.util.LinkedHashMap<>();
            STATES.get(direction).forEach(state -> states.put(state, 0L));
            byDirection.put(direction, states);
        }
        openRequests.countsByDirectionAndState()
                .forEach(c -> byDirection.get(c.direction()).merge(c.state(), c.count(), Long::sum));
        List<DirectionCounts> counts = new ArrayList<>();
        byDirection.forEach((direction, states) -> counts.add(new DirectionCounts(direction, states,
                states.entrySet().stream().filter(e -> RequestState.AWAITING_REPLY.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum(),
                states.values().stream().mapToLong(Long::longValue).sum())));
        return counts;
    }

    /** Ours wait on the other region; those sent to us wait on our bureau (to sign for) or the unit that signed. */
    private String waitsOn(OpenRequests.Waiting waiting) {
        if (waiting.direction() == Direction.OUTBOUND) {
            return "对方地区 other region " + waiting.targetRegion() + "（" + waiting.platform() + "）";
        }
        if (waiting.state() == RequestState.RECEIVED) {
            return "我方签收 our bureau to sign for: " + bureauName;
        }
        return "我方承办单位 our unit: " + (waiting.signedBy() == null ? bureauName : Show.text(waiting.signedBy()));
    }

    private List<Platform> platforms() {
        List<Platform> list = new ArrayList<>();
        platforms.forEach(named -> {
            if (named.getContributor() instanceof HealthIndicator indicator) {
                Health health;
                try {
                    health = indicator.health();
                } catch (RuntimeException e) {
                    health = Health.down(e).build();
                }
                Map<String, Object> details = health.getDetails();
                boolean up = Status.UP.equals(health.getStatus());
                list.add(new Platform(named.getName(), health.getStatus().getCode(), up, details.get("reachable"),
                        String.valueOf(details.getOrDefault("repliesLastPoll", "—")),
                        String.valueOf(details.getOrDefault("requestsLastPoll", "—")),
                        details.get("error") == null ? null : String.valueOf(details.get("error"))));
            }
        });
        return list;
    }
}
