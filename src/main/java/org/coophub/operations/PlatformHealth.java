package org.coophub.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformRoutes;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * One platform's health: its SFTP server answers, and its replies and requests folders were polled successfully
 * by every route that shares them recently (within {@code poll-intervals} × its poll interval + {@code poll-grace}).
 * A reachable server that is not being polled (a refused login, a changed host key, a stopped route) is just as
 * unable to bring replies in, so either failure makes the platform DOWN; the details say which.
 */
final class PlatformHealth implements HealthIndicator {

    private final String name;
    private final PlatformProperties platform;
    private final PlatformReachability reachability;
    private final SuccessfulPolls polls;
    private final Duration ageLimit;
    /** Before a route's first poll its age counts from here, so a hub that is starting is not DOWN at once. */
    private final Instant startedAt = Instant.now();

    PlatformHealth(String name, PlatformProperties platform, PlatformReachability reachability, SuccessfulPolls polls,
            OperationsProperties settings) {
        this.name = name;
        this.platform = platform;
        this.reachability = reachability;
        this.polls = polls;
        this.ageLimit = settings.pollAgeLimit(platform.pollInterval());
    }

    @Override
    public Health health() {
        PlatformReachability.Reachability sftp = reachability.check(name);
        Instant now = Instant.now();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("server", platform.host() + ":" + platform.port());
        details.put("reachable", sftp.reachable());
        details.put(sftp.reachable() ? "banner" : "error", sftp.detail());
        details.put("pollAgeLimit", ageLimit.toString());
        boolean fresh = poll("replies", now, details) & poll("requests", now, details);
        return (sftp.reachable() && fresh ? Health.up() : Health.down()).withDetails(details).build();
    }

    /**
     * Adds {@code <folder>LastPoll} and {@code <folder>PollAge} of the folder's least recent polling route (each
     * takes its own share of the files, so all of them must be polling); true if that age is within the limit.
     */
    private boolean poll(String folder, Instant now, Map<String, Object> details) {
        Instant last = null;
        for (int n = 1; n <= platform.pollers(); n++) {
            Instant routeLast = polls.last(PlatformRoutes.pollRoute(folder, name, n)).orElse(null);
            if (routeLast == null) {
                last = null;
                break;
            }
            last = last == null || routeLast.isBefore(last) ? routeLast : last;
        }
        Duration age = Duration.between(last == null ? startedAt : last, now);
        details.put(folder + "LastPoll", last == null ? "none since start" : last.toString());
        details.put(folder + "PollAge", age.truncatedTo(ChronoUnit.MILLIS).toString());
        return age.compareTo(ageLimit) <= 0;
    }
}
