package org.coophub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs at real speed from a chosen moment: system time plus a fixed offset. For benchmarks that need
 * deadlines to pass in real time on a date of their choosing (a working day, a known duty roster).
 */
public final class RunningClock extends Clock {

    private final Duration offset;
    private final ZoneId zone;

    /** Reads {@code start} now, and runs on from there. */
    public RunningClock(Instant start) {
        this(Duration.between(Instant.now(), start), ZoneOffset.UTC);
    }

    private RunningClock(Duration offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    /** The system (wall-clock) moment at which this clock shows {@code instant}. */
    public Instant toSystem(Instant instant) {
        return instant.minus(offset);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new RunningClock(offset, newZone);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
