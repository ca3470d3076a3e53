package org.coophub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.coophub.alerts.AlertScheduleProperties;
import org.coophub.alerts.AlertStore;
import org.coophub.alerts.EmbeddedMailbox;
import org.coophub.support.Hub;
import org.coophub.support.RunningClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Alert lag: from the moment a deadline passes to the moment the embedded SMTP server (GreenMail) has accepted the
 * OVERDUE email, with N open OUTBOUND requests in the ledger whose deadlines are spread over the next 24 hours; and
 * the cost of finding due work ({@link AlertStore#claimDue}) at that N.
 *
 * <p>The hub runs on a {@link RunningClock} (real speed, from Wednesday 2026-03-04 10:00 Beijing time) so the sweeper
 * sees deadlines pass in real time. The N requests and their 4 alert rows each are bulk-inserted into the ledger as
 * DeadlineWatch/AlertStore.plan would have left them 6 days after entry (a record check is due 7 days after entry):
 * DUE_SOON already SENT, OVERDUE / SECOND_NOTICE / THIRD_NOTICE PENDING at deadline, +1 d, +3 d. A measured cohort
 * of {@code bench.cohort} more requests has its deadlines (OVERDUE fire_at) spread evenly over the next
 * {@code bench.window} seconds. Arrival is GreenMail's own store time of each message (ms, taken when the DATA is
 * stored, before it answers 250), not the second-resolution Date header.
 *
 * <p>Run alone with {@code mvn -o -Pbench test -Dtest=AlertLagBenchmark [-Dbench.open=10000,100000]}. Asserts only
 * correctness: every cohort alert mailed exactly once; speed is printed, never asserted.
 */
class AlertLagBenchmark {

    /** Wednesday 10:00 in Beijing: a working day. */
    private static final Instant START = Instant.parse("2026-03-04T02:00:00Z");
    private static final Pattern REQUEST_ID = Pattern.compile("(LAG[BCW]-\\d+)");

    private final List<Integer> sizes = Arrays.stream(System.getProperty("bench.open", "10000,100000").split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    private final int cohort = Integer.getInteger("bench.cohort", 500);
    private final int windowSeconds = Integer.getInteger("bench.window", 60);

    @TempDir
    Path dir;

    @Test
    void alertLag() throws Exception {
        List<String> summary = new ArrayList<>();
        for (int n : sizes) {
            summary.add(run(n));
        }
        System.out.printf(Locale.ROOT, "%n== alert lag summary (cohort %d over %d s) ==%n", cohort, windowSeconds);
        summary.forEach(System.out::println);
    }

    private String run(int n) throws Exception {
        Path home = dir.resolve("n" + n);
        List<String> settings = new ArrayList<>();
        settings.add("logging.file.name=" + home.resolve("hub.log"));
        settings.add("logging.threshold.console=OFF");
        // the shipped setting of config/application.yaml (test-hub.yaml makes it 100ms for the functional tests)
        YamlPropertiesFactoryBean shipped = new YamlPropertiesFactoryBean();
        shipped.setResources(new FileSystemResource("config/application.yaml"));
        settings.add("coophub.alerts.schedule.sweep-interval="
                + shipped.getObject().getProperty("coophub.alerts.schedule.sweep-interval"));
        // the daily digest (08:00 in coophub.zone) would list every open request in the middle of the measurement
        settings.add("coophub.alerts.schedule.digest-time=23:00");
        String extra = System.getProperty("bench.hub", "").strip();
        if (!extra.isEmpty()) {
            settings.addAll(List.of(extra.split(";")));
        }
        RunningClock clock = new RunningClock(START);
        try (Hub hub = Hub.start(home, clock, settings.toArray(String[]::new))) {
            AlertScheduleProperties schedule = hub.bean(AlertScheduleProperties.class);
            DataSource ds = hub.bean(DataSource.class);
            JdbcClient jdbc = JdbcClient.create(ds);
            System.out.printf(Locale.ROOT, "%n== alert lag: N=%,d open requests, cohort %d over %d s, sweep every %s, batch %d ==%n",
                    n, cohort, windowSeconds, schedule.sweepInterval().toMillis() + " ms", schedule.batch());
            System.out.println("hub settings: " + settings.subList(2, settings.size()));
            System.out.println(BenchSupport.machine());

            // the N background requests, deadlines evenly over the next 24 h
            long t = System.nanoTime();
            OffsetDateTime from = OffsetDateTime.now(clock);
            Duration step = Duration.ofDays(1).dividedBy(n);
            insert(ds, "LAGB-", n, i -> from.plus(step.multipliedBy(i)).plus(step.dividedBy(2)));
            double insertSeconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "inserted %,d requests + %,d alerts in %.1f s%n", n, 4L * n, insertSeconds);

            // a few not counted, to warm up mail rendering and the SMTP endpoint; then the cohort
            OffsetDateTime now = OffsetDateTime.now(clock);
            insert(ds, "LAGW-", 5, i -> now.plusSeconds(2).plusNanos(200_000_000L * i));
            OffsetDateTime first = now.plusSeconds(8);
            Duration spacing = Duration.ofSeconds(windowSeconds).dividedBy(cohort);
            Map<String, OffsetDateTime> fireAt = new HashMap<>();
            insert(ds, "LAGC-", cohort, i -> {
                OffsetDateTime deadline = first.plus(spacing.multipliedBy(i));
                fireAt.put("LAGC-%06d".formatted(i), deadline);
                return deadline;
            });

            GreenMail greenMail = greenMail(hub.bean(EmbeddedMailbox.class));
            Instant giveUp = clock.toSystem(first.plusSeconds(windowSeconds + 120).toInstant());
            while (cohortMailed(greenMail) < cohort && Instant.now().isBefore(giveUp)) {
                Thread.sleep(1000);
            }
            // a few more sweeps, so that a second send of any of them would be seen
            Thread.sleep(schedule.sweepInterval().multipliedBy(4).toMillis() + 1000);

            Map<String, List<Long>> lagsById = new HashMap<>();
            int background = 0;
            for (StoredMessage stored : greenMail.getManagers().getImapHostManager().getAllMessages()) {
                Matcher id = REQUEST_ID.matcher(stored.getMimeMessage().getSubject());
                if (!id.find()) {
                    continue;
                }
                if (id.group(1).startsWith("LAGB-")) {
                    background++;
                }
                OffsetDateTime due = fireAt.get(id.group(1));
                if (due != null) {
                    long lag = stored.getReceivedDate().getTime() - clock.toSystem(due.toInstant()).toEpochMilli();
                    lagsById.computeIfAbsent(id.group(1), k -> new ArrayList<>()).add(lag);
                }
            }
            assertThat(lagsById.keySet()).as("every cohort alert mailed").containsExactlyInAnyOrderElementsOf(fireAt.keySet());
            assertThat(lagsById.values()).as("each cohort alert mailed once").allMatch(l -> l.size() == 1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM alert WHERE request_id LIKE 'LAGC-%' AND step = 'OVERDUE' AND sends = 1")
                    .query(Integer.class).single()).isEqualTo(cohort);
            long[] lags = lagsById.values().stream().mapToLong(l -> l.get(0)).sorted().toArray();
            System.out.printf(Locale.ROOT, "lag            p50 %d ms, p99 %d ms, max %d ms, min %d ms (%d cohort mails, each once; "
                    + "%d background OVERDUE mails in the run)%n", pct(lags, 50), pct(lags, 99), lags[lags.length - 1],
                    lags[0], lags.length, background);

            long alertRows = jdbc.sql("SELECT COUNT(*) FROM alert").query(Long.class).single();
            hub.close();
            Cost cost = findCost(home);
            System.out.printf(Locale.ROOT, "claimDue       nothing due: median %.2f ms (p90 %.2f); 10 due: median %.2f ms (p90 %.2f)"
                    + " [%d calls each after 10 not counted, each rolled back; hub stopped, %,d alert rows]%n",
                    cost.none[0], cost.none[1], cost.ten[0], cost.ten[1], COST_CALLS, alertRows);
            System.out.println("plan (EXPLAIN ANALYZE of the claiming UPDATE, 10 due, rolled back):");
            cost.plan.lines().forEach(l -> System.out.println("    " + l));
            return String.format(Locale.ROOT, "N=%,d  alert rows %,d  lag p50 %d / p99 %d / max %d ms  claimDue none %.2f ms,"
                    + " 10 due %.2f ms  (insert %.0f s, sweep %d ms, load %s)", n, alertRows, pct(lags, 50),
                    pct(lags, 99), lags[lags.length - 1], cost.none[0], cost.ten[0], insertSeconds,
                    schedule.sweepInterval().toMillis(), loadAverage());
        }
    }

    private interface Deadline {
        OffsetDateTime of(int i);
    }

    /**
     * Open OUTBOUND record checks entered 7 days before their deadline, with the 4 alert rows DeadlineWatch plans
     * (DUE_SOON 1 day before, already sent; OVERDUE at the deadline; second and third notice 1 and 3 days after).
     */
    private static void insert(DataSource ds, String prefix, int count, Deadline deadlines) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement request = c.prepareStatement("""
                    INSERT INTO cooperation_request (request_id, direction, type, priority, requesting_room,
                        target_region, scope, platform, case_number, state, source, content_hash, payload, created_at,
                        accepted_at, updated_at, publish_attempts, published_at, published_path, reply_due_at)
                    VALUES (?, 'OUTBOUND', 'RECORD_CHECK', 'ROUTINE', '预审一室', '310104', 'NATIONAL', 'national',
                        ?, 'PUBLISHED', 'rest', ?, ?, ?, ?, ?, 1, ?, ?, ?)""");
                 PreparedStatement alert = c.prepareStatement("""
                    INSERT INTO alert (request_id, kind, step, deadline, fire_at, state, sends, last_sent_at, recipients)
                    VALUES (?, 'REPLY', ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < count; i++) {
                    String id = prefix + "%06d".formatted(i);
                    OffsetDateTime deadline = deadlines.of(i).withOffsetSameInstant(ZoneOffset.UTC);
                    OffsetDateTime entered = deadline.minusDays(7);
                    request.setString(1, id);
                    request.setString(2, "京朝公(刑)字[2026]" + i + "号");
                    request.setString(3, "%064x".formatted(i));
                    request.setString(4, "{\"requestId\":\"" + id + "\",\"type\":\"RECORD_CHECK\"}");
                    request.setObject(5, entered);
                    request.setObject(6, entered);
                    request.setObject(7, entered);
                    request.setObject(8, entered);
                    request.setString(9, "/inbound/" + id + ".json");
                    request.setObject(10, deadline);
                    request.addBatch();
                    addAlert(alert, id, "DUE_SOON", deadline, deadline.minusDays(1), "SENT", 1);
                    addAlert(alert, id, "OVERDUE", deadline, deadline, "PENDING", 0);
                    addAlert(alert, id, "SECOND_NOTICE", deadline, deadline.plusDays(1), "PENDING", 0);
                    addAlert(alert, id, "THIRD_NOTICE", deadline, deadline.plusDays(3), "PENDING", 0);
                    if (i % 1000 == 999 || i == count - 1) {
                        request.executeBatch();
                        alert.executeBatch();
                        c.commit();
                    }
                }
            }
        }
    }

    private static void addAlert(PreparedStatement alert, String id, String step, OffsetDateTime deadline,
            OffsetDateTime fireAt, String state, int sends) throws Exception {
        alert.setString(1, id);
        alert.setString(2, step);
        alert.setObject(3, deadline);
        alert.setObject(4, fireAt);
        alert.setString(5, state);
        alert.setInt(6, sends);
        alert.setObject(7, sends > 0 ? fireAt : null);
        alert.setString(8, sends > 0 ? "wang@example.org" : null);
        alert.addBatch();
    }

    private static final int COST_CALLS = 50;

    private record Cost(double[] none, double[] ten, String plan) {
    }

    /**
     * Times AlertStore.claimDue itself on the run's ledger after the hub has stopped (so no sweeper races it), on one
     * connection, each call rolled back (so nothing stays claimed): "now" just before the earliest pending alert
     * (nothing due) and at the 10th earliest (10 due).
     */
    private static Cost findCost(Path home) throws Exception {
        String url = "jdbc:h2:file:" + home.resolve("data/ledger/coophub").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            SingleConnectionDataSource ds = new SingleConnectionDataSource(c, true);
            JdbcClient jdbc = JdbcClient.create(ds);
            AlertStore store = new AlertStore(jdbc);
            List<OffsetDateTime> earliest = jdbc.sql(
                    "SELECT fire_at FROM alert WHERE state = 'PENDING' ORDER BY fire_at FETCH FIRST 10 ROWS ONLY")
                    .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).list();
            OffsetDateTime none = earliest.get(0).minusNanos(1_000_000);
            OffsetDateTime ten = earliest.get(9);
            double[] noneMs = time(c, store, none, 0);
            double[] tenMs = time(c, store, ten, 10);
            String plan;
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + AlertStore.CLAIM)) {
                OffsetDateTime until = ten.plusMinutes(2);
                Object[] params = {"bench-plan", until, ten, 500, ten, 500, 500, ten, ten};
                for (int i = 0; i < params.length; i++) {
                    explain.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = explain.executeQuery()) {
                    rs.next();
                    plan = rs.getString(1);
                }
            }
            c.rollback();
            // the claiming UPDATE alone, as it was before (one OR) and as it is, so the two can be compared in one run
            for (String[] variant : new String[][] {{"before (OR, one select)", OLD_CLAIM}, {"now (UNION ALL)", AlertStore.CLAIM}}) {
                boolean old = variant[1] == OLD_CLAIM;
                for (OffsetDateTime now : List.of(none, ten)) {
                    // parameters in the order of each statement's placeholders
                    Object[] params = old ? new Object[] {"bench", now.plusMinutes(2), now, now, 500, now, now}
                            : new Object[] {"bench", now.plusMinutes(2), now, 500, now, 500, 500, now, now};
                    long[] nanos = new long[COST_CALLS + 10];
                    String scans = "";
                    for (int i = 0; i < nanos.length; i++) {
                        long t = System.nanoTime();
                        int claimed = jdbc.sql(variant[1]).params(params).update();
                        nanos[i] = System.nanoTime() - t;
                        c.rollback();
                        assertThat(claimed).isEqualTo(now == none ? 0 : 10);
                    }
                    try (PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + variant[1])) {
                        for (int i = 0; i < params.length; i++) {
                            explain.setObject(i + 1, params[i]);
                        }
                        try (ResultSet rs = explain.executeQuery()) {
                            rs.next();
                            Matcher m = Pattern.compile("(tableScan|ALERT_DUE)|scanCount: (\\d+)").matcher(rs.getString(1));
                            StringBuilder found = new StringBuilder();
                            while (m.find()) {
                                found.append(m.group(1) != null ? m.group(1) : m.group(2)).append(' ');
                            }
                            scans = found.toString().strip();
                        }
                    }
                    c.rollback();
                    long[] counted = Arrays.copyOfRange(nanos, 10, nanos.length);
                    Arrays.sort(counted);
                    System.out.printf(Locale.ROOT, "claim UPDATE   %-24s %-11s median %.2f ms  [plan: %s]%n", variant[0],
                            now == none ? "nothing due" : "10 due", counted[counted.length / 2] / 1e6, scans);
                }
            }
            return new Cost(noneMs, tenMs, plan);
        }
    }

    /** AlertStore.claimDue's claiming UPDATE before this benchmark (commit 3bff7b8), for comparison. */
    private static final String OLD_CLAIM = """
            UPDATE alert SET state = 'SENDING', claim = ?, claimed_until = ?
            WHERE id IN (SELECT id FROM alert WHERE (state = 'PENDING' AND fire_at <= ?)
                            OR (state = 'SENDING' AND claimed_until < ?) ORDER BY fire_at FETCH FIRST ? ROWS ONLY)
              AND ((state = 'PENDING' AND fire_at <= ?) OR (state = 'SENDING' AND claimed_until < ?))""";

    private static double[] time(Connection c, AlertStore store, OffsetDateTime now, int expected) throws Exception {
        long[] nanos = new long[COST_CALLS + 10];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            int got = store.claimDue(now, "bench-cost", Duration.ofMinutes(2), 500).size();
            nanos[i] = System.nanoTime() - t;
            c.rollback();
            assertThat(got).isEqualTo(expected);
        }
        long[] counted = Arrays.copyOfRange(nanos, 10, nanos.length); // the first 10 warm up
        Arrays.sort(counted);
        return new double[] {counted[counted.length / 2] / 1e6, counted[counted.length * 9 / 10] / 1e6};
    }

    private static long cohortMailed(GreenMail greenMail) {
        return greenMail.getManagers().getImapHostManager().getAllMessages().stream()
                .filter(m -> {
                    try {
                        return m.getMimeMessage().getSubject().contains("LAGC-");
                    } catch (Exception e) {
                        return false;
                    }
                }).count();
    }

    /** The GreenMail server inside the hub's EmbeddedMailbox, for its messages' store times. */
    private static GreenMail greenMail(EmbeddedMailbox mailbox) throws Exception {
        Field server = EmbeddedMailbox.class.getDeclaredField("server");
        server.setAccessible(true);
        return (GreenMail) server.get(mailbox);
    }

    private static long pct(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
