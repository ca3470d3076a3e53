package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.inboundRequest;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coophub.ledger.RequestState;
import org.coophub.privacy.IdNumbers;
import org.coophub.support.Hub;
import org.coophub.support.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may do what (VIEWER, LIAISON, ADMIN, SYSTEM), and the audit trail of logins and changes. */
class AccessTest {

    /** Signs the acknowledgement links in alert emails: whoever reads it can acknowledge any alert. */
    static final String ACK_SECRET = "ack-secret-of-the-access-test-0123456789";

    @TempDir
    static Path dir;
    static Hub hub;

    @BeforeAll
    static void startHub() {
        hub = Hub.start(dir, "coophub.alerts.mail.ack-secret=" + ACK_SECRET);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void everythingButHealthNeedsALogin() {
        assertThat(hub.as(null).get("/api/requests/X").statusCode()).isEqualTo(401);
        assertThat(hub.as(null).post("/api/requests", recordCheck("ANON-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(401);
        assertThat(hub.as(null).get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(hub.as("nobody").get("/api/requests/X").statusCode()).isEqualTo(401);
    }

    /** A client still holding the cookie of a session the hub no longer has (a restart, a timeout) is asked to log in. */
    @Test
    void aCallWithAStaleSessionCookieIsAskedForALoginNotRefused() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(hub.url("/api/requests/ACC-STALE/sign"))).header("Cookie", "JSESSIONID=0123456789ABCDEF")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("Basic"));
    }

    @Test
    void aViewerReadsButChangesNothing() {
        assertThat(hub.as("viewer").get("/api/requests/NOPE").statusCode()).isEqualTo(404);
        assertThat(hub.as("viewer").get("/api/alerts").statusCode()).isEqualTo(200);
        assertThat(hub.as("viewer").post("/api/requests", recordCheck("VIEW-1", SHANGHAI_XUHUI)).statusCode())
                .isEqualTo(403);
        assertThat(hub.as("viewer").post("/api/alerts/1/ack", "{}").statusCode()).isEqualTo(403);
        assertThat(hub.as("viewer").post("/api/requests/X/sign", "{}").statusCode()).isEqualTo(403);
        assertThat(hub.as("viewer").get("/api/audit").statusCode()).isEqualTo(403);
        assertThat(hub.as("viewer").get("/api/quarantine").statusCode()).isEqualTo(403);
    }

    @Test
    void aLiaisonOfficerSignsAndRepliesAndAcknowledgesButDoesNotAdminister() {
        put(hub.platformFolder("national", "requests"), "ACC-IN-1.json", inboundRequest("ACC-IN-1"));
        await().until(() -> hub.ledger().find("ACC-IN-1").isPresent());

        assertThat(hub.as("liaison").post("/api/requests/ACC-IN-1/sign", "{\"signedBy\": \"李警官\"}").statusCode())
                .isEqualTo(200);
        assertThat(hub.ledger().find("ACC-IN-1").orElseThrow().state()).isEqualTo(RequestState.SIGNED);
        assertThat(hub.as("liaison").post("/api/alerts/999999/ack", "{}").statusCode()).isEqualTo(409);
        assertThat(hub.as("liaison").post("/api/requests", recordCheck("LIA-1", SHANGHAI_XUHUI)).statusCode())
                .isEqualTo(202);
        assertThat(hub.as("liaison").get("/api/audit").statusCode()).isEqualTo(403);
        assertThat(hub.as("liaison").post("/api/quarantine/x.json/requeue", "").statusCode()).isEqualTo(403);
        assertThat(hub.as("liaison").get("/actuator/configprops").statusCode()).isEqualTo(403);
    }

    @Test
    void aLocalSystemSubmitsAndReadsButDoesNotAcknowledgeAlerts() {
        assertThat(hub.as("system").post("/api/requests", recordCheck("SYS-1", SHANGHAI_XUHUI)).statusCode())
                .isEqualTo(202);
        assertThat(hub.as("system").get("/api/requests/SYS-1").statusCode()).isEqualTo(200);
        assertThat(hub.as("system").post("/api/alerts/1/ack", "{}").statusCode()).isEqualTo(403);
        assertThat(hub.as("system").get("/api/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminRequeuesAFixedQuarantinedFile() throws Exception {
        hub.drop("ACC-Q-1.json", recordCheck("ACC-Q-1", "990000").getBytes(StandardCharsets.UTF_8));
        await().until(() -> Files.exists(hub.quarantine().resolve("ACC-Q-1.json.error.txt")));
        assertThat(hub.as("admin").get("/api/quarantine").body()).contains("ACC-Q-1.json", "region");

        // the administrator corrects the target region, then puts the file back
        Path kept = hub.quarantine().resolve("ACC-Q-1.json");
        Files.writeString(kept, Files.readString(kept).replace("990000", SHANGHAI_XUHUI));
        assertThat(hub.as("admin").post("/api/quarantine/ACC-Q-1.json/requeue", "").statusCode()).isEqualTo(200);

        await().until(() -> hub.ledger().find("ACC-Q-1").map(e -> e.state() == RequestState.PUBLISHED).orElse(false));
        assertThat(hub.quarantine().resolve("ACC-Q-1.json.error.txt")).doesNotExist();
        assertThat(hub.as("admin").post("/api/quarantine/../etc/passwd/requeue", "").statusCode()).isIn(400, 404);
    }

    @Test
    void theConfigurationIsReadableByAnAdminWithSecretsHidden() {
        String config = hub.as("admin").get("/actuator/configprops").body();
        assertThat(config).contains("coophub.platforms", "coophub.bureau", "coophub.alerts.mail");
        assertThat(config).doesNotContain("$2a$10$ysm/EFKMib3S2eMVhuUS5uhdbZj146lcoaFAfJXlxtMm");
        assertThat(config).contains("\"ackSecret\":\"******\"").doesNotContain(ACK_SECRET);
    }

    @Test
    void changesAreInTheAuditTrail() {
        hub.as("liaison").post("/api/requests/NO-SUCH/sign", "{}");
        hub.as("viewer").post("/api/requests", "{}");

        // recorded once the call is answered
        await().until(() -> hub.as("admin").get("/api/audit").body().contains("POST /api/requests/NO-SUCH/sign"));
        String audit = hub.as("admin").get("/api/audit?limit=1000").body();
        assertThat(audit).contains("\"username\":\"liaison\",\"action\":\"POST /api/requests/NO-SUCH/sign\","
                + "\"outcome\":\"FAILURE\"");
        assertThat(audit).contains("\"username\":\"viewer\",\"action\":\"POST /api/requests\",\"outcome\":\"DENIED\"");
        assertThat(hub.as("admin").get("/api/audit?user=liaison").body()).doesNotContain("\"username\":\"viewer\"");
    }

    /**
     * A hostile page can make a logged-in officer's browser post to the API, session cookie and all (a text/plain
     * form can even carry a request), but it cannot add an Authorization header or know the session's CSRF token.
     */
    @Test
    void aFormLoginSessionChangesNothingThroughTheApiWithoutTheCsrfToken() throws Exception {
        put(hub.platformFolder("national", "requests"), "ACC-CSRF-1.json", inboundRequest("ACC-CSRF-1"));
        await().until(() -> hub.ledger().find("ACC-CSRF-1").isPresent());
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        logIn(browser, "liaison", "liaison-test-pass", loginFormCsrf(browser));
        assertThat(send(browser, HttpRequest.newBuilder(URI.create(hub.url("/api/requests/ACC-CSRF-1")))).statusCode())
                .as("the session is logged in").isEqualTo(200);

        assertThat(postAsForm(browser, "/api/requests/ACC-CSRF-1/sign", "{}").statusCode()).isEqualTo(403);
        assertThat(postAsForm(browser, "/api/alerts/999999/ack", "{}").statusCode()).isEqualTo(403);
        assertThat(postAsForm(browser, "/api/requests", recordCheck("ACC-CSRF-2", SHANGHAI_XUHUI)).statusCode())
                .isEqualTo(403);

        assertThat(hub.ledger().find("ACC-CSRF-1").orElseThrow().state()).isEqualTo(RequestState.RECEIVED);
        assertThat(hub.ledger().find("ACC-CSRF-2")).isEmpty();

        // a program that keeps cookies but logs in with every call, as local systems do, needs no token
        HttpResponse<String> signed = send(browser, HttpRequest.newBuilder(URI.create(hub.url("/api/requests/ACC-CSRF-1/sign")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "liaison:liaison-test-pass".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    }

    /** Besides the token: a browser does not send the session cookie with a form another site posts. */
    @Test
    void theSessionCookieIsSameSiteLax() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> loggedIn = logIn(browser, "viewer", "viewer-test-pass", loginFormCsrf(browser));
        assertThat(loggedIn.headers().allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("SameSite=Lax"));
    }

    @Test
    void aLoginOnTheFormIsAuditedWhetherThePasswordIsRightOrWrong() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String csrf = loginFormCsrf(browser);

        HttpResponse<String> refused = logIn(browser, "liaison", "wrong", csrf);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        assertThat(hub.as("admin").get("/api/audit?user=liaison").body())
                .contains("\"username\":\"liaison\",\"action\":\"login\",\"outcome\":\"FAILURE\","
                        + "\"detail\":\"BadCredentialsException\"");

        HttpResponse<String> loggedIn = logIn(browser, "viewer", "viewer-test-pass", csrf);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).doesNotContain("error"));
        assertThat(hub.as("admin").get("/api/audit?user=viewer").body())
                .contains("\"username\":\"viewer\",\"action\":\"login\",\"outcome\":\"SUCCESS\"");
    }

    @Test
    void aWrongPasswordOverBasicIsAudited() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.url("/api/alerts")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "system:wrong".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(hub.as("admin").get("/api/audit?user=system").body())
                .contains("\"username\":\"system\",\"action\":\"login\",\"outcome\":\"FAILURE\"");

        // someone types their ID number as the user name: the trail keeps it masked, like every log
        String idNumber = Requests.idNumber("110105", "19800101", "123");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.url("/api/alerts")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (idNumber + ":wrong").getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hub.as("admin").get("/api/audit?user=" + IdNumbers.mask(idNumber)).body())
                .contains("\"username\":\"" + IdNumbers.mask(idNumber) + "\"").doesNotContain(idNumber);
    }

    /** Opens the login page, as a browser does first, and returns the CSRF token its form carries. */
    private String loginFormCsrf(HttpClient browser) throws Exception {
        String form = send(browser, HttpRequest.newBuilder(URI.create(hub.url("/login")))).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*?value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as(form).isTrue();
        return csrf.group(1);
    }

    private HttpResponse<String> logIn(HttpClient browser, String user, String password, String csrf) throws Exception {
        String form = "username=" + user + "&password=" + password + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return send(browser, HttpRequest.newBuilder(URI.create(hub.url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** What a form on another site can send: the browser's cookies, no header of its own, no CSRF token. */
    private HttpResponse<String> postAsForm(HttpClient browser, String path, String body) throws Exception {
        return send(browser, HttpRequest.newBuilder(URI.create(hub.url(path))).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest.Builder request) throws Exception {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
