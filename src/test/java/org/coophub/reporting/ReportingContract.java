package org.coophub.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.coophub.ledger.Direction;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.LedgerContract;
import org.coophub.ledger.NewReply;
import org.coophub.request.RequestType;
import org.coophub.request.Unit;
import org.coophub.support.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Statistics, the monthly counts of the /stats charts and the monthly assessment, counted by each database the ledger
 * supports (H2 and PostgreSQL).
 */
abstract class ReportingContract {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Period FIRST_HALF_2011 = new Period(LocalDate.of(2011, 1, 1), LocalDate.of(2011, 6, 30));
    private static final Period FIRST_HALF_2010 = FIRST_HALF_2011.yearEarlier();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T02:00:00Z"));
    private DataSource dataSource;
    private StatisticsReport statistics;
    private MonthlyAssessment assessment;
    private DetentionStore detentions;
    private MonthlyCounts monthly;
    private Ledger ledger;
    private int ids;

    abstract DataSource newDatabase();

    abstract String vendor();

    @BeforeEach
    void migrate() {
        dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor(), "classpath:db/migration/common").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        statistics = new StatisticsReport(jdbc, ZONE);
        assessment = new MonthlyAssessment(jdbc, ZONE);
        detentions = new DetentionStore(jdbc, clock);
        monthly = new MonthlyCounts(jdbc);
        ledger = new Ledger(jdbc, clock);
    }

    /** The source's figures for the first half of 2011 against the first half of 2010. */
    @Test
    void showsTheSourcesFiguresAndTheirGrowth() {
        List<Row> rows = new ArrayList<>();
        spread(rows, FIRST_HALF_2011, Direction.OUTBOUND, RequestType.CASE_VERIFICATION, 2_086, "ACCEPTED", "RETRYING", "PUBLISHED", "REPLIED");
        spread(rows, FIRST_HALF_2011, Direction.OUTBOUND, RequestType.PARTY_STATEMENT, 892, "PUBLISHED", "REPLIED");
        spread(rows, FIRST_HALF_2011, Direction.OUTBOUND, RequestType.RECORD_CHECK, 8_987, "REPLIED", "PUBLISHED", "ACCEPTED");
        spread(rows, FIRST_HALF_2011, Direction.INBOUND, RequestType.CASE_VERIFICATION, 399, "ANSWERED", "CLOSED");
        spread(rows, FIRST_HALF_2011, Direction.INBOUND, RequestType.PARTY_STATEMENT, 465, "CLOSED");
        spread(rows, FIRST_HALF_2011, Direction.INBOUND, RequestType.RECORD_CHECK, 287, "CLOSED", "ANSWERED");
        spread(rows, FIRST_HALF_2010, Direction.OUTBOUND, RequestType.CASE_VERIFICATION, 600, "REPLIED");
        spread(rows, FIRST_HALF_2010, Direction.OUTBOUND, RequestType.PARTY_STATEMENT, 286, "REPLIED");
        spread(rows, FIRST_HALF_2010, Direction.OUTBOUND, RequestType.RECORD_CHECK, 1_500, "REPLIED", "PUBLISHED");
        spread(rows, FIRST_HALF_2010, Direction.INBOUND, RequestType.CASE_VERIFICATION, 200, "CLOSED");
        spread(rows, FIRST_HALF_2010, Direction.INBOUND, RequestType.PARTY_STATEMENT, 250, "CLOSED");
        spread(rows, FIRST_HALF_2010, Direction.INBOUND, RequestType.RECORD_CHECK, 180, "ANSWERED");
        // not counted: received but not replied to, and published just outside either period (local time)
        spread(rows, FIRST_HALF_2011, Direction.INBOUND, RequestType.RECORD_CHECK, 50, "RECEIVED", "SIGNED");
        rows.add(row(Direction.OUTBOUND, RequestType.RECORD_CHECK, "PUBLISHED", null, local("2011-07-01T00:00:00")));
        rows.add(row(Direction.OUTBOUND, RequestType.RECORD_CHECK, "PUBLISHED", null, local("2010-12-31T23:59:59")));
        rows.add(row(Direction.OUTBOUND, RequestType.RECORD_CHECK, "PUBLISHED", null, local("2009-12-31T23:59:59")));
        insert(rows);

        Statistics report = statistics.report(FIRST_HALF_2011);

        assertThat(report.earlierPeriod()).isEqualTo(FIRST_HALF_2010);
        assertThat(report.published().byType()).extracting(Statistics.Line::type, Statistics.Line::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CASE_VERIFICATION", 2_086L),
                        org.assertj.core.groups.Tuple.tuple("PARTY_STATEMENT", 892L),
                        org.assertj.core.groups.Tuple.tuple("RECORD_CHECK", 8_987L));
        assertThat(report.published().total())
                .isEqualTo(new Statistics.Line("TOTAL", "合计", 11_965, 2_386, new BigDecimal("401.5")));
        assertThat(report.receivedAndReplied().byType()).extracting(Statistics.Line::count).containsExactly(399L, 465L, 287L);
        assertThat(report.receivedAndReplied().total())
                .isEqualTo(new Statistics.Line("TOTAL", "合计", 1_151, 630, new BigDecimal("82.7")));
        assertThat(report.published().byType().get(0))
                .isEqualTo(new Statistics.Line("CASE_VERIFICATION", "案件核实", 2_086, 600, new BigDecimal("247.7")));

        String csv = ReportCsv.statistics(report);
        assertThat(csv).startsWith("\uFEFFdirection,方向,type,类型,count 2011-01-01..2011-06-30,count 2010-01-01..2010-06-30,growth %\r\n")
                .contains("published,发布,RECORD_CHECK,户籍前科协查,8987,1500,499.1\r\n")
                .contains("published,发布,TOTAL,合计,11965,2386,401.5\r\n")
                .endsWith("received and replied,接收并回复,TOTAL,合计,1151,630,82.7\r\n");
        assertThat(csv.lines()).hasSize(9);
    }

    @Test
    void growthIsNotApplicableWithoutAnEarlierCount() {
        insert(List.of(row(Direction.OUTBOUND, RequestType.RECORD_CHECK, "PUBLISHED", null, local("2026-03-02T09:00:00"))));

        Statistics report = statistics.report(Period.of(YearMonth.of(2026, 3)));

        assertThat(report.published().total()).isEqualTo(new Statistics.Line("TOTAL", "合计", 1, 0, null));
        assertThat(ReportCsv.statistics(report)).contains("published,发布,TOTAL,合计,1,0,n/a\r\n");
    }

    @Test
    void assessesEveryRoomWithDetentionsAgainstItsPublicationsThatMonth() {
        List<Row> rows = new ArrayList<>();
        publications(rows, "预审一室", 14);
        publications(rows, "预审二室", 13);
        publications(rows, "预审三室", 1);
        publications(rows, "刑侦一队", 5);
        // the month is local: these fall just outside March 2026 in Beijing time
        rows.add(row(Direction.OUTBOUND, RequestType.CASE_VERIFICATION, "PUBLISHED", "预审二室", local("2026-04-01T00:00:00")));
        rows.add(row(Direction.OUTBOUND, RequestType.CASE_VERIFICATION, "PUBLISHED", "预审二室", local("2026-02-28T23:59:59")));
        insert(rows);
        detentions.put(new DetentionFigure("预审一室", YearMonth.of(2026, 3), 6), "REST");
        detentions.putAll(List.of(new DetentionFigure("预审一室", YearMonth.of(2026, 3), 7),
                new DetentionFigure("预审二室", YearMonth.of(2026, 3), 7),
                new DetentionFigure("预审三室", YearMonth.of(2026, 3), 0),
                new DetentionFigure("预审四室", YearMonth.of(2026, 3), 2),
                new DetentionFigure("预审一室", YearMonth.of(2026, 4), 1)), "FILE march.csv");

        MonthlyAssessment.Report report = assessment.report(YearMonth.of(2026, 3));

        assertThat(report.rooms()).containsExactlyInAnyOrder(
                new MonthlyAssessment.Room("预审一室", 7, 14, 14, 0, 0),
                new MonthlyAssessment.Room("预审二室", 7, 13, 14, -1, -10),
                new MonthlyAssessment.Room("预审三室", 0, 1, 0, 1, 10),
                new MonthlyAssessment.Room("预审四室", 2, 0, 4, -4, -10));
        assertThat(detentions.find("预审一室", YearMonth.of(2026, 3)))
                .contains(new DetentionFigure("预审一室", YearMonth.of(2026, 3), 7));
        assertThat(detentions.find("预审五室", YearMonth.of(2026, 3))).isEmpty();
        assertThat(ReportCsv.assessment(report)).contains("预审二室,2026-03,7,13,14,-1,-10\r\n");
    }

    /** Set up through the ledger, not straight into the tables: a reply's lateness is worked out as the ledger records it. */
    @Test
    void countsRequestsAndOnTimeRepliesByLocalMonth() {
        clock.set(Instant.parse("2026-03-02T08:00:00Z"));
        ledger.admit(LedgerContract.entry("M-1", "h1"), "accepted"); // 2026-03-02 16:00 in Shanghai
        ledger.setDeadlines("M-1", OffsetDateTime.parse("2026-03-09T08:00:00Z"), null);
        clock.set(Instant.parse("2026-03-31T17:00:00Z")); // 1 April, 01:00 in Shanghai
        ledger.admit(LedgerContract.entry("M-2", "h2"), "accepted");
        ledger.setDeadlines("M-2", OffsetDateTime.parse("2026-03-09T08:00:00Z"), null);
        ledger.admit(LedgerContract.entry("M-3", "h3"), "accepted");
        ledger.recordReply(LedgerContract.reply("M-1", "r1"), Direction.OUTBOUND, "reply"); // on time, 5 March
        ledger.recordReply(new NewReply("M-2", new Unit("310104000000", "徐汇分局"), "FOUND",
                OffsetDateTime.parse("2026-03-31T23:00:00+08:00"), "r2", "{}", List.of()), Direction.OUTBOUND, "reply");
        ledger.recordReply(LedgerContract.reply("M-3", "r3"), Direction.OUTBOUND, "reply"); // no deadline: not counted

        OffsetDateTime from = OffsetDateTime.parse("2026-01-01T00:00:00+08:00");
        OffsetDateTime before = OffsetDateTime.parse("2026-05-01T00:00:00+08:00");
        assertThat(monthly.countsByMonth(from, before, ZONE)).containsExactly(
                new MonthlyCounts.MonthCount(YearMonth.of(2026, 3), Direction.OUTBOUND, RequestType.RECORD_CHECK, 1),
                new MonthlyCounts.MonthCount(YearMonth.of(2026, 4), Direction.OUTBOUND, RequestType.RECORD_CHECK, 2));
        assertThat(monthly.countsByMonth(from, OffsetDateTime.parse("2026-04-01T00:00:00+08:00"), ZONE))
                .extracting(MonthlyCounts.MonthCount::count).containsExactly(1L);
        assertThat(monthly.onTimeByMonth(from, before, ZONE)).containsExactly(
                new MonthlyCounts.MonthTimeliness(YearMonth.of(2026, 3), 1, 2));
    }

    private void publications(List<Row> rows, String room, int count) {
        for (int i = 0; i < count; i++) {
            rows.add(row(Direction.OUTBOUND, RequestType.values()[i % 3], "PUBLISHED", room,
                    local("2026-03-01T00:00:00").plusHours(i * 50L)));
        }
    }

    /** {@code count} requests spread over the period from its first instant to its last second, states in turn. */
    private void spread(List<Row> rows, Period period, Direction direction, RequestType type, int count, String... states) {
        OffsetDateTime start = period.from().atStartOfDay(ZONE).toOffsetDateTime();
        long seconds = Duration.between(start, period.to().plusDays(1).atStartOfDay(ZONE)).toSeconds() - 1;
        for (int i = 0; i < count; i++) {
            rows.add(row(direction, type, states[i % states.length], null,
                    start.plusSeconds(count == 1 ? 0 : i * seconds / (count - 1))));
        }
    }

    private static OffsetDateTime local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(ZONE).toOffsetDateTime();
    }

    private record Row(String id, Direction direction, RequestType type, String state, String room, OffsetDateTime at) {
    }

    private Row row(Direction direction, RequestType type, String state, String room, OffsetDateTime at) {
        return new Row("R-" + ++ids, direction, type, state, room, at);
    }

    /** Straight into the table in JDBC batches: sixteen thousand requests through the whole relay would take minutes. */
    private void insert(List<Row> rows) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status ->
                jdbc.batchUpdate("""
                        INSERT INTO cooperation_request (request_id, direction, type, priority, requesting_room,
                            target_region, scope, platform, case_number, state, source, content_hash, payload,
                            created_at, accepted_at, updated_at)
                        VALUES (?, ?, ?, 'ROUTINE', ?, '310104', 'NATIONAL', 'national', 'X', ?, 'REST', 'h', '{}', ?, ?, ?)""",
                        rows, 1000, (ps, row) -> {
                            ps.setString(1, row.id());
                            ps.setString(2, row.direction().name());
                            ps.setString(3, row.type().name());
                            ps.setString(4, row.room());
                            ps.setString(5, row.state());
                            ps.setObject(6, row.at());
                            ps.setObject(7, row.at());
                            ps.setObject(8, row.at());
                        }));
    }
}
