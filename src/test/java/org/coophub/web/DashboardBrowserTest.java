package org.coophub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.inboundRequest;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.Requests.BEIJING_HAIDIAN;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.logging.Level;
import org.coophub.alerts.AlertStore;
import org.coophub.alerts.AlertView;
import org.coophub.ledger.Direction;
import org.coophub.ledger.RequestState;
import org.coophub.privacy.IdNumbers;
import org.coophub.support.Hub;
import org.coophub.support.MutableClock;
import org.coophub.support.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard in a real browser (headless Chromium): a whole hub with requests in several states made through the
 * real pipeline, a person logging in through the form, and the pages checked against the ledger.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ID_NUMBER = Requests.idNumber("110105", "19800101", "123");
    /** File names carry ID numbers too (people name files after whom they concern). */
    private static final String STATEMENT = "DB-1-statement-" + ID_NUMBER + ".txt";

    @TempDir
    static Path dir;
    @TempDir
    static Path browserProfile;
    static Hub hub;
    static WebDriver browser;
    static WebDriverWait wait;
    static final MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void startHubAndBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium not installed: apt-get install chromium chromium-driver");
        hub = Hub.start(dir, clock, "coophub.alerts.schedule.repeat-every=0s");
        makeRequests();
        browser = chromium();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        logIn("viewer");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** Ours: one replied (with an attachment), one to another province and one to ours still waiting; one sent to us. */
    private static void makeRequests() {
        for (String[] request : new String[][] {{"DB-1", SHANGHAI_XUHUI}, {"DB-2", SHANGHAI_XUHUI}, {"DB-3", BEIJING_HAIDIAN}}) {
            // a case number someone typed an ID number into: pages show it masked like any free text
            String body = recordCheck(request[0], request[1]).replace("0042号", "0042号 " + ID_NUMBER);
            assertThat(hub.post("/api/requests", body).statusCode()).isEqualTo(202);
        }
        for (String id : List.of("DB-1", "DB-2", "DB-3")) {
            await().until(() -> hub.ledger().find(id).orElseThrow().state() == RequestState.PUBLISHED);
        }
        byte[] statement = "询问笔录 statement".getBytes(StandardCharsets.UTF_8);
        Path replies = hub.platformFolder("national", "replies");
        put(replies, STATEMENT, statement);
        put(replies, "DB-1.json", reply("DB-1", "FOUND", STATEMENT, statement));
        put(hub.platformFolder("national", "requests"), "SH-DB-1.json", inboundRequest("SH-DB-1"));
        // refused: recorded as a rejected input, and a file quarantined besides
        assertThat(hub.post("/api/requests", "{\"requestId\": \"BAD 1\"}").statusCode()).isEqualTo(400);
        hub.drop(ID_NUMBER + ".json", "{}".getBytes(StandardCharsets.UTF_8));
        await().until(() -> Files.exists(hub.quarantine().resolve(ID_NUMBER + ".json.error.txt")));
        await().until(() -> hub.ledger().find("DB-1").orElseThrow().state() == RequestState.REPLIED);
        await().until(() -> hub.ledger().find("SH-DB-1").map(e -> e.state() == RequestState.RECEIVED).orElse(false));

        // eight days on: the record checks (7 days) and the sign-for (1 day) are overdue; one overdue alert is acknowledged
        clock.advance(Duration.ofDays(8));
        AlertView overdue = await().until(() -> hub.bean(AlertStore.class).list("DB-2", 10).stream()
                .filter(a -> a.step().name().equals("OVERDUE") && a.sends() > 0).findFirst().orElse(null), a -> a != null);
        assertThat(hub.as("liaison").post("/api/alerts/" + overdue.id() + "/ack", "{\"by\": \"王警官 " + ID_NUMBER + "\"}").statusCode())
                .isEqualTo(200);
        hub.put("/api/assessment/detentions/%E9%A2%84%E5%AE%A1%E4%B8%80%E5%AE%A4/" + thisMonth(), "{\"detentions\": 1}");
    }

    private static WebDriver chromium() {
        // both paths explicit: Selenium Manager has nothing to look up or download
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + browserProfile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }

    private static void logIn(String user) {
        browser.get(hub.url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-test-pass");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("counts")));
    }

    @Test
    void theOverviewShowsTheLedgersFigures() {
        open("/", By.id("counts"));
        JdbcClient jdbc = hub.bean(JdbcClient.class);
        for (Direction direction : Direction.values()) {
            for (RequestState state : DashboardController.STATES.get(direction)) {
                long inLedger = jdbc.sql("SELECT COUNT(*) FROM cooperation_request WHERE direction = ? AND state = ?")
                        .params(direction.name(), state.name()).query(Long.class).single();
                assertThat(text(By.id("count-" + direction + "-" + state))).as(direction + " " + state)
                        .isEqualTo(String.valueOf(inLedger));
            }
            long open = jdbc.sql("SELECT COUNT(*) FROM cooperation_request WHERE direction = ? AND state IN "
                    + "('ACCEPTED', 'RETRYING', 'PUBLISHED', 'RECEIVED', 'SIGNED')").param(direction.name())
                    .query(Long.class).single();
            assertThat(text(By.id("open-" + direction))).isEqualTo(String.valueOf(open));
        }
        assertThat(text(By.id("count-OUTBOUND-PUBLISHED"))).isEqualTo("2");
        assertThat(text(By.id("count-OUTBOUND-REPLIED"))).isEqualTo("1");
        assertThat(text(By.id("count-INBOUND-RECEIVED"))).isEqualTo("1");

        // overdue: ours wait on the other region, the one sent to us on our bureau signing for it
        String overdue = text(By.id("overdue"));
        assertThat(overdue).contains("DB-2", "DB-3", "SH-DB-1", "other region 310104", "other region 110108",
                "our bureau to sign for", "超期 Overdue 3");
        assertThat(browser.findElements(By.cssSelector("#overdue tr[data-request-id='DB-1']"))).isEmpty(); // replied
        Duration late = Duration.between(hub.ledger().find("DB-2").orElseThrow().replyDueAt().toInstant(), clock.instant());
        assertThat(late).isBetween(Duration.ofHours(23), Duration.ofHours(25)); // due 7 days after acceptance, 8 days ago
        assertThat(browser.findElement(By.cssSelector("#overdue tr[data-request-id='DB-2'] td.bad")).getText())
                .isEqualTo(new Show(ZoneId.of("Asia/Shanghai")).duration(late));

        for (String platform : List.of("national", "provincial")) {
            WebElement row = browser.findElement(By.id("platform-" + platform));
            // reachable and polled (whether the last poll is recent enough for UP depends on the machine's load)
            assertThat(row.getText()).contains(platform, "是 yes").doesNotContain("none since start");
        }
        String alerts = text(By.id("alerts"));
        assertThat(alerts).contains("DB-2", "超期未回复 Overdue", "是 yes: 王警官", "超期未签收 Overdue（签收 sign-for）");
        assertThat(text(By.id("quarantine"))).contains("REST", "POST /api/requests");
        assertThat(text(By.id("quarantined")))
                .contains(IdNumbers.mask(ID_NUMBER) + ".json");
        assertThat(text(By.id("rejected"))).contains("FILE", IdNumbers.mask(ID_NUMBER) + ".json");
        assertNoPersonalData();
    }

    @Test
    void theRequestListSearchesAndLeadsToARequestWithItsHistoryAndMaskedSubjects() {
        open("/requests", By.id("request-list"));
        assertThat(text(By.id("total"))).isEqualTo("4");
        // newest first
        List<String> ids = browser.findElements(By.cssSelector("#request-list tbody td:first-child")).stream()
                .map(WebElement::getText).toList();
        assertThat(ids).containsExactly("SH-DB-1", "DB-3", "DB-2", "DB-1");

        browser.findElement(By.name("requestId")).sendKeys("DB-");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("state"))).selectByValue("REPLIED");
        browser.findElement(By.id("search")).click();
        wait.until(ExpectedConditions.textToBe(By.id("total"), "1"));
        browser.findElement(By.linkText("DB-1")).click();

        wait.until(ExpectedConditions.textToBe(By.id("request-id"), "DB-1"));
        screenshot("/requests/DB-1");
        assertThat(browser.findElements(By.cssSelector("#history .history-state")).stream()
                .map(e -> e.getDomAttribute("data-state")).toList())
                .containsSubsequence("ACCEPTED", "PUBLISHED", "REPLIED");
        assertThat(text(By.cssSelector(".subject-id"))).isEqualTo(IdNumbers.mask(ID_NUMBER));
        assertThat(text(By.cssSelector(".subject-name"))).isEqualTo("张*");
        assertThat(text(By.id("attachments"))).contains("DB-1-statement-" + IdNumbers.mask(ID_NUMBER) + ".txt");
        assertThat(text(By.id("reply"))).contains("查有 Found", "上海市公安局徐汇分局", "已核实 verified");
        assertThat(text(By.id("timeliness"))).isEqualTo("按时 on time");
        assertNoPersonalData();

        open("/requests?region=11", By.id("request-list"));
        assertThat(text(By.id("total"))).isEqualTo("2"); // DB-3 to Haidian, SH-DB-1 to us
    }

    @Test
    void theStatisticsPageDrawsItsChartsAndTable() {
        // a period around the requests' acceptance (eight days ago), whatever the day the test runs
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        open("/stats?from=" + today.minusDays(10) + "&to=" + today, By.id("statistics-table"));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-charts", "ready"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#requests-chart canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#on-time-chart canvas")));
        screenshot("/stats-drawn");
        long published = hub.bean(JdbcClient.class).sql("SELECT COUNT(*) FROM cooperation_request WHERE direction = 'OUTBOUND'")
                .query(Long.class).single();
        WebElement total = browser.findElement(By.cssSelector("#statistics-table tbody:first-of-type tr[data-type=TOTAL]"));
        assertThat(total.findElements(By.tagName("td")).get(2).getText()).isEqualTo(String.valueOf(published));
        assertThat(browser.findElement(By.id("stats-csv")).getDomAttribute("href"))
                .isEqualTo("/api/stats.csv?from=" + today.minusDays(10) + "&to=" + today);
        assertThat(hub.as("viewer").get("/api/stats.csv?from=" + today.minusDays(10) + "&to=" + today).body())
                .contains("published,发布,TOTAL,合计," + published);
        // the WebJar, version-agnostic (webjars-locator-lite), served without a login like the stylesheet
        assertThat(hub.as(null).get("/webjars/echarts/dist/echarts.min.js").statusCode()).isEqualTo(200);
        Object series = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('requests-chart')).getOption().series.length");
        assertThat(series).isEqualTo(6L);
        assertThat(severeBrowserLogs()).isEmpty();

        open("/assessment", By.id("assessment-table"));
        assertThat(text(By.id("assessment-table"))).contains("预审一室");
        assertThat(browser.findElement(By.id("assessment-csv")).getDomAttribute("href"))
                .isEqualTo("/api/assessment.csv?month=" + thisMonth());
        assertThat(severeBrowserLogs()).isEmpty();
    }

    private static void open(String path, By ready) {
        browser.get(hub.url(path));
        wait.until(ExpectedConditions.visibilityOfElementLocated(ready));
        screenshot(path);
    }

    /** With -Ddashboard.screenshots=<folder>, keeps a picture of each page opened (to look at the layout). */
    private static void screenshot(String path) {
        String folder = System.getProperty("dashboard.screenshots");
        if (folder != null) {
            try {
                Files.createDirectories(Path.of(folder));
                byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
                Files.write(Path.of(folder, path.replaceAll("[^A-Za-z0-9]+", "_") + ".png"), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String text(By by) {
        return browser.findElement(by).getText();
    }

    private static void assertNoPersonalData() {
        assertThat(browser.getPageSource()).doesNotContain(ID_NUMBER).doesNotContain("张三").doesNotContain("李四");
    }

    /** Errors the page's scripts raised or resources it could not load, where the driver can tell. */
    private static List<String> severeBrowserLogs() {
        try {
            return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
        } catch (RuntimeException unsupported) {
            return List.of();
        }
    }

    private static String thisMonth() {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"))).toString();
    }
}
