package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.inboundRequest;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coophub.alerts.AlertStep;
import org.coophub.alerts.AlertStore;
import org.coophub.alerts.AlertView;
import org.coophub.alerts.DeadlineKind;
import org.coophub.alerts.DueAlert;
import org.coophub.alerts.EmbeddedMailbox;
import org.coophub.ledger.Direction;
import org.coophub.ledger.NewReply;
import org.coophub.ledger.RequestState;
import org.coophub.replies.Reply;
import org.coophub.replies.ReplyJson;
import org.coophub.support.Hub;
import org.coophub.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deadlines are chased by e-mail to whoever is on duty (config/duty-roster.yaml), escalating; each step once, across
 * restarts and SMTP outages. The clock is moved, never waited for. T0 is Monday 2026-03-02 09:00 in Beijing; a
 * record check is due 7 days later.
 */
class AlertsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    private static final Instant DEADLINE = T0.plus(Duration.ofDays(7));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    record Mail(String subject, List<String> to, String text) {
    }

    @Test
    void eachStepGoesOnceToWhoeverIsOnDutyAndEscalates() {
        try (Hub hub = Hub.start(dir, clock, "coophub.alerts.schedule.repeat-every=0s")) {
            publish(hub, "ESC-1");

            clock.set(DEADLINE.minus(Duration.ofDays(1)).plusSeconds(1)); // Sunday: zhang on duty
            Mail dueSoon = awaitMail(hub, "ESC-1", "DUE_SOON");
            assertThat(dueSoon.to()).containsExactly("zhang@example.org");
            assertThat(dueSoon.subject()).contains("到期提醒", "户籍前科协查", "RECORD_CHECK");

            clock.set(DEADLINE.plusSeconds(1)); // Monday: wang
            Mail overdue = awaitMail(hub, "ESC-1", "OVERDUE");
            assertThat(overdue.to()).containsExactly("wang@example.org");
            assertThat(overdue.text()).doesNotContain("19800101");

            clock.set(DEADLINE.plus(Duration.ofDays(1)).plusSeconds(1)); // Tuesday: li, supervisor zhao
            assertThat(awaitMail(hub, "ESC-1", "SECOND_NOTICE").to())
                    .containsExactlyInAnyOrder("li@example.org", "zhao@example.org");

            clock.set(DEADLINE.plus(Duration.ofDays(3)).plusSeconds(1)); // Thursday: liu, sun, and the head
            assertThat(awaitMail(hub, "ESC-1", "THIRD_NOTICE").to())
                    .containsExactlyInAnyOrder("liu@example.org", "sun@example.org", "chen@example.org");

            clock.advance(Duration.ofDays(2));
            hub.bean(org.coophub.alerts.AlertSweeper.class).sweep();
            assertThat(mails(hub, "ESC-1")).hasSize(4);
            assertThat(hub.get("/api/alerts?requestId=ESC-1").body()).contains("\"state\":\"SENT\"")
                    .doesNotContain("PENDING");
        }
    }

    @Test
    void aReplyJustBeforeTheDeadlineStopsTheAlerts() {
        try (Hub hub = Hub.start(dir, clock)) {
            publish(hub, "ESC-2");
            clock.set(DEADLINE.minusSeconds(60));
            put(hub.platformFolder("national", "replies"), "ESC-2.json",
                    reply("ESC-2", "FOUND", null, null).replace("2026-03-05T10:00:00+08:00", "2026-03-09T08:59:00+08:00"));
            await().until(() -> hub.ledger().find("ESC-2").orElseThrow().state() == RequestState.REPLIED);
            assertThat(hub.ledger().find("ESC-2").orElseThrow().reply().onTime()).isTrue();
            assertThat(hub.get("/api/requests/ESC-2").body()).contains("\"onTime\":true", "\"lateSeconds\":0");

            clock.set(DEADLINE.plus(Duration.ofDays(4)));
            hub.bean(org.coophub.alerts.AlertSweeper.class).sweep();
            assertThat(mails(hub, "ESC-2")).extracting(Mail::subject).allMatch(s -> s.contains("DUE_SOON"));
            assertThat(hub.get("/api/alerts?requestId=ESC-2").body()).contains("CANCELLED");
        }
    }

    @Test
    void acknowledgingStopsTheRepeatsOfAStepButNotTheNextStep() {
        try (Hub hub = Hub.start(dir, clock, "coophub.alerts.schedule.repeat-every=1h")) {
            publish(hub, "ESC-3");
            publish(hub, "ESC-4");
            clock.set(DEADLINE.plusSeconds(1));
            Mail overdue = awaitMail(hub, "ESC-3", "OVERDUE");
            awaitMail(hub, "ESC-4", "OVERDUE");

            Matcher link = Pattern.compile("/alerts/ack\\?token=([A-Za-z0-9_-]+)").matcher(overdue.text());
            assertThat(link.find()).isTrue();
            assertThat(hub.get("/alerts/ack?token=" + link.group(1)).body()).contains("Acknowledge");
            assertThat(hub.post("/alerts/ack?token=" + link.group(1), "").body()).contains("Acknowledged");
            assertThat(hub.get("/api/alerts?requestId=ESC-3").body())
                    .contains("\"acknowledgedBy\":\"admin (e-mail link)\"");
            assertThat(hub.get("/alerts/ack?token=" + link.group(1) + "x").statusCode()).isEqualTo(410);

            clock.advance(Duration.ofMinutes(61));
            await().until(() -> count(hub, "ESC-4", "OVERDUE") == 2); // not acknowledged: repeated
            assertThat(count(hub, "ESC-3", "OVERDUE")).isEqualTo(1);

            // by the API: a name of 100 characters, outside the basic plane too, is kept whole beside the login
            long esc4 = hub.bean(AlertStore.class).list("ESC-4", 10).stream().filter(a -> a.state().equals("SENT"))
                    .findFirst().orElseThrow().id();
            String name = "𠀀".repeat(100);
            assertThat(hub.as("liaison").post("/api/alerts/" + esc4 + "/ack", "{\"by\": \"" + name + "\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(hub.bean(AlertStore.class).list("ESC-4", 10)).filteredOn(a -> a.id() == esc4)
                    .extracting(AlertView::acknowledgedBy).containsExactly(name + " (liaison)");

            clock.set(DEADLINE.plus(Duration.ofDays(1)).plusSeconds(1));
            awaitMail(hub, "ESC-3", "SECOND_NOTICE");
        }
    }

    @Test
    void alertsWaitForTheSmtpServerAndAreSentOnceItIsBack() {
        try (Hub hub = Hub.start(dir, clock, "coophub.alerts.schedule.repeat-every=0s")) {
            publish(hub, "ESC-5");
            EmbeddedMailbox mailbox = hub.bean(EmbeddedMailbox.class);
            mailbox.stop();
            clock.set(DEADLINE.plusSeconds(1));
            await().until(() -> hub.get("/api/alerts?requestId=ESC-5").body().contains("\"lastError\":\""));

            mailbox.start();
            clock.advance(Duration.ofMinutes(5));
            awaitMail(hub, "ESC-5", "OVERDUE");
            awaitMail(hub, "ESC-5", "DUE_SOON");
            hub.bean(org.coophub.alerts.AlertSweeper.class).sweep();
            assertThat(mails(hub, "ESC-5")).hasSize(2);
        }
    }

    @Test
    void aStepHeldBackByAnSmtpOutageIsNotSentAfterALaterStepOfTheSameDeadline() {
        try (Hub hub = Hub.start(dir, clock, "coophub.alerts.schedule.repeat-every=1h")) {
            publish(hub, "ESC-7");
            EmbeddedMailbox mailbox = hub.bean(EmbeddedMailbox.class);
            mailbox.stop();
            Instant secondNotice = DEADLINE.plus(Duration.ofDays(1));
            // OVERDUE fails twice just before the second notice is due, so it backs off past it (30 s, then 60 s)
            clock.set(secondNotice.minusSeconds(40));
            await().until(() -> fireAt(hub, "ESC-7", AlertStep.OVERDUE).isAfter(secondNotice.minusSeconds(40)));
            clock.set(secondNotice.minusSeconds(10));
            await().until(() -> fireAt(hub, "ESC-7", AlertStep.OVERDUE).isAfter(secondNotice));
            // the second notice, due now, is tried alone and fails once: it is retried before OVERDUE
            clock.set(secondNotice.plusSeconds(1));
            await().until(() -> alert(hub, "ESC-7", AlertStep.SECOND_NOTICE).lastError() != null);
            assertThat(fireAt(hub, "ESC-7", AlertStep.SECOND_NOTICE))
                    .isBefore(fireAt(hub, "ESC-7", AlertStep.OVERDUE));

            // all three due again, in one batch: the second notice first, superseding the two claimed after it
            mailbox.start();
            clock.set(fireAt(hub, "ESC-7", AlertStep.OVERDUE).plusSeconds(1));
            awaitMail(hub, "ESC-7", "SECOND_NOTICE");
            hub.bean(org.coophub.alerts.AlertSweeper.class).sweep();

            assertThat(mails(hub, "ESC-7")).extracting(Mail::subject).singleElement().asString()
                    .contains("SECOND_NOTICE");
            assertThat(alert(hub, "ESC-7", AlertStep.OVERDUE).state()).isEqualTo("CANCELLED");
            assertThat(alert(hub, "ESC-7", AlertStep.DUE_SOON).state()).isEqualTo("CANCELLED");
            assertThat(alert(hub, "ESC-7", AlertStep.SECOND_NOTICE).state()).isEqualTo("PENDING"); // repeats hourly
        }
    }

    @Test
    void anAlertWhoseLeaseRanOutIsSentOnlyByTheInstanceThatClaimedItSince() {
        try (Hub hub = Hub.start(dir, clock)) {
            publish(hub, "ESC-8");
            AlertStore store = hub.bean(AlertStore.class);
            java.time.OffsetDateTime due = DEADLINE.plusSeconds(1).atOffset(java.time.ZoneOffset.UTC);
            Duration lease = Duration.ofMinutes(2);
            List<DueAlert> first = store.claimDue(due, "first", lease, 10);
            assertThat(first).extracting(DueAlert::step).containsExactly(AlertStep.DUE_SOON, AlertStep.OVERDUE);

            // "first" is still mailing its batch when its lease runs out, and "second" claims what is left
            List<DueAlert> second = store.claimDue(due.plus(lease).plusSeconds(1), "second", lease, 10);
            assertThat(second).extracting(DueAlert::id).containsExactlyElementsOf(
                    first.stream().map(DueAlert::id).toList());
            assertThat(store.holdForSending(first.get(1), "first", due.plus(lease).plus(lease))).isFalse();
            assertThat(store.holdForSending(second.get(1), "second", due.plus(lease).plus(lease))).isTrue();
        }
    }

    private static AlertView alert(Hub hub, String requestId, AlertStep step) {
        return hub.bean(AlertStore.class).list(requestId, 20).stream()
                .filter(a -> a.step() == step && a.kind() == DeadlineKind.REPLY).findFirst().orElseThrow();
    }

    private static Instant fireAt(Hub hub, String requestId, AlertStep step) {
        return alert(hub, requestId, step).fireAt().toInstant();
    }

    @Test
    void aRestartNeitherRepeatsASentStepNorLosesTheStepsMissedWhileDown() {
        Hub hub = Hub.start(dir, clock, "coophub.alerts.schedule.repeat-every=0s");
        publish(hub, "ESC-6");
        clock.set(DEADLINE.minus(Duration.ofDays(1)).plusSeconds(1));
        awaitMail(hub, "ESC-6", "DUE_SOON");
        hub.close();

        clock.set(DEADLINE.plus(Duration.ofDays(5)));
        try (Hub restarted = hub.restart()) {
            await().until(() -> mails(restarted, "ESC-6").size() == 3);
            assertThat(mails(restarted, "ESC-6")).extracting(Mail::subject).satisfiesExactly(
                    s -> assertThat(s).contains("OVERDUE"), s -> assertThat(s).contains("SECOND_NOTICE"),
                    s -> assertThat(s).contains("THIRD_NOTICE"));
            restarted.bean(org.coophub.alerts.AlertSweeper.class).sweep();
            assertThat(mails(restarted, "ESC-6")).hasSize(3);
        }
    }

    @Test
    void signingForARequestStopsItsSignForAlerts() {
        try (Hub hub = Hub.start(dir, clock, "coophub.alerts.schedule.repeat-every=0s")) {
            put(hub.platformFolder("national", "requests"), "SH-ESC-1.json", inboundRequest("SH-ESC-1"));
            await().until(() -> hub.ledger().find("SH-ESC-1").isPresent());
            assertThat(hub.ledger().find("SH-ESC-1").orElseThrow().signForDueAt()).isEqualTo(
                    T0.plus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC));
            assertThat(hub.post("/api/requests/SH-ESC-1/sign", "{\"signedBy\": \"李警官\"}").statusCode()).isEqualTo(200);

            clock.set(T0.plus(Duration.ofDays(2)));
            hub.bean(org.coophub.alerts.AlertSweeper.class).sweep();
            assertThat(mails(hub, "SH-ESC-1")).extracting(Mail::subject).noneMatch(s -> s.contains("签收"));
        }
    }

    @Test
    void theDailyDigestGoesOutOnceADayWithOpenAndOverdueRequests() {
        // after T0 (09:00) on its first day, so that the first digest is the next day's
        // the recovery sweep would publish the reply held back below; it runs at start and then once an hour here
        try (Hub hub = Hub.start(dir, clock, "coophub.alerts.schedule.repeat-every=0s",
                "coophub.alerts.schedule.digest-time=10:00", "coophub.publishing.recovery-interval=1h")) {
            publish(hub, "DIG-1");
            put(hub.platformFolder("national", "requests"), "SH-DIG-1.json", inboundRequest("SH-DIG-1"));
            await().until(() -> hub.ledger().find("SH-DIG-1").isPresent());
            // the next morning, a request from another region that cannot be taken: it reaches no list but this one
            clock.set(Instant.parse("2026-03-03T00:00:00Z"));
            put(hub.platformFolder("national", "requests"), "SH-DIG-BAD.json", "{\"requestId\": \"SH-DIG-BAD\"");
            await().until(() -> hub.ledger().rejectedInputs(10).stream()
                    .anyMatch(refused -> refused.inputName().contains("SH-DIG-BAD")));
            // and our reply to another request, recorded but never published (as if its message were lost)
            put(hub.platformFolder("national", "requests"), "SH-DIG-2.json", inboundRequest("SH-DIG-2"));
            await().until(() -> hub.ledger().find("SH-DIG-2").isPresent());
            Reply answer = ReplyJson.read(reply("SH-DIG-2", "DONE", null, null).getBytes(StandardCharsets.UTF_8));
            hub.ledger().recordReply(new NewReply(answer.requestId(), answer.replyingUnit(), answer.result().name(),
                    answer.repliedAt(), ReplyJson.contentHash(answer),
                    new String(ReplyJson.write(answer), StandardCharsets.UTF_8), List.of()), Direction.INBOUND,
                    "our reply");

            // 10:00 in coophub.zone (Beijing), whatever the zone of the clock (UTC); SH-DIG-1 waits for signing
            clock.set(Instant.parse("2026-03-03T02:00:01Z"));
            Mail digest = await().until(() -> mails(hub, "Daily digest").stream().findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
            assertThat(digest.subject()).contains("2026-03-03", "1 overdue", "2 open");
            assertThat(digest.text()).contains("DIG-1", "SH-DIG-1", "2026-03-09 09:00 UTC+08:00",
                    "Platform files kept aside since the last digest (newest first) (1)", "national:requests/SH-DIG-BAD.json",
                    "Our replies not on their platform after an hour (1)", "SH-DIG-2 · national");
            assertThat(digest.to()).contains("li@example.org", "zhao@example.org");

            clock.advance(Duration.ofHours(2));
            hub.bean(org.coophub.alerts.AlertSweeper.class).sweep();
            assertThat(mails(hub, "Daily digest")).hasSize(1);
            clock.advance(Duration.ofDays(1));
            await().until(() -> mails(hub, "Daily digest").size() == 2);
        }
    }

    @Test
    void noHeaderFromUpstreamCanChangeTheRecipients() throws Exception {
        // no daily digest on the first day (T0 is 09:00): the mailbox holds this test's mail alone
        try (Hub hub = Hub.start(dir, clock, "coophub.alerts.schedule.digest-time=23:00")) {
            hub.bean(org.apache.camel.ProducerTemplate.class).send("direct:send-alert-mail", exchange -> {
                exchange.getMessage().setBody("<p>HDR-1</p>");
                exchange.getMessage().setHeader("coophubMailTo", "wang@example.org");
                exchange.getMessage().setHeader("coophubMailSubject", "[coophub] HDR-1");
                exchange.getMessage().setHeader("coophubMailText", "HDR-1");
                exchange.getMessage().setHeader("To", "intruder@example.net");
                exchange.getMessage().setHeader("Cc", "intruder@example.net");
                exchange.getMessage().setHeader("Bcc", "intruder@example.net");
                exchange.getMessage().setHeader("Subject", "changed");
            });
            Mail mail = awaitMail(hub, "HDR-1", "HDR-1");
            assertThat(mail.to()).containsExactly("wang@example.org");
            assertThat(mail.subject()).isEqualTo("[coophub] HDR-1");
            // one copy per recipient is kept: a Cc or Bcc to the intruder would show as a second copy
            assertThat(hub.bean(EmbeddedMailbox.class).received()).hasSize(1);
            for (MimeMessage copy : hub.bean(EmbeddedMailbox.class).received()) {
                assertThat(java.util.Arrays.toString(copy.getAllRecipients())).doesNotContain("intruder");
            }
        }
    }

    private static void publish(Hub hub, String requestId) {
        assertThat(hub.post("/api/requests", recordCheck(requestId, SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
        await().until(() -> hub.ledger().find(requestId).orElseThrow().state() == RequestState.PUBLISHED);
    }

    static Mail awaitMail(Hub hub, String requestId, String step) {
        return await().until(() -> mails(hub, requestId).stream().filter(m -> m.subject().contains(step)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    static long count(Hub hub, String requestId, String step) {
        return mails(hub, requestId).stream().filter(m -> m.subject().contains(step)).count();
    }

    /** One per message sent (the mailbox keeps a copy per recipient). */
    static List<Mail> mails(Hub hub, String requestId) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return hub.bean(EmbeddedMailbox.class).received().stream()
                .filter(message -> seen.add(messageId(message)))
                .map(AlertsTest::mail)
                .filter(m -> m.subject().contains(requestId)).toList();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plainText(Object content) throws Exception {
        if (content instanceof String text) {
            return text;
        }
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            jakarta.mail.BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof jakarta.mail.Multipart nested) {
                String text = plainText(nested);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static Mail mail(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(jakarta.mail.Message.RecipientType.TO);
            String text = plainText(message.getContent());
            return new Mail(message.getSubject(), Arrays.stream(to).map(Address::toString).toList(), text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
