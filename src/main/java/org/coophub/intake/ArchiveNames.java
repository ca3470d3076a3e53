package org.coophub.intake;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names of the files the hub archives in an outbox's {@code .done}: the name they were dropped with, with a stamp
 * put before the extension ({@code request.json} becomes {@code request.20260302-093000-123-5f3a9c1e.json}). A
 * local system that always drops the same name keeps every original (archiving under the name itself kept only the
 * last one), the archive still sorts and reads by the name dropped, and a reply and the attachments archived with
 * it share one stamp.
 */
public final class ArchiveNames {

    /** The exchange property the routes take the archived name from (routes/intake.yaml, routes/replies.yaml). */
    public static final String PROPERTY = "coophubArchivedAs";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Clock clock;

    public ArchiveNames(Clock clock) {
        this.clock = clock;
    }

    /**
     * The hub's local time to the millisecond, then 32 random bits: files archived in one millisecond, or by two
     * hubs on one folder, still get stamps of their own.
     */
    public String stamp() {
        return TIME.format(LocalDateTime.now(clock)) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** {@code name} with {@code .<stamp>} before its last extension, or at its end when it has none. */
    public static String archived(String name, String stamp) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name + "." + stamp : name.substring(0, dot) + "." + stamp + name.substring(dot);
    }
}
