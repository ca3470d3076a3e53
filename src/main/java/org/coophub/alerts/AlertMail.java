package org.coophub.alerts;

import static org.coophub.alerts.MailText.html;
import static org.coophub.alerts.MailText.line;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.coophub.ledger.Direction;

/**
 * Renders an alert for the duty liaison officer: Chinese with the English beside it, personal data masked, and
 * everything that came from a request escaped in the HTML part.
 */
public final class AlertMail {

    private final ZoneId zone;

    /** @param zone the bureau's zone (coophub.zone), which times are shown in */
    public AlertMail(ZoneId zone) {
        this.zone = zone;
    }

    public RenderedMail render(AlertFacts facts) {
        Lateness lateness = facts.lateness();
        String subject = "[coophub] " + facts.step().zh(facts.kind()) + " " + facts.step().name()
                + " · " + Labels.zh(facts.type()) + " " + facts.type().name()
                + " · " + line(facts.requestId())
                + " · " + lateness.both();
        String heading = facts.step().zh(facts.kind()) + " " + facts.step().en()
                + " · " + Labels.zh(facts.type()) + " " + Labels.en(facts.type())
                + " · " + line(facts.requestId());
        List<Field> fields = fields(facts, lateness);
        Action action = action(facts);
        String footer = "告警编号 Alert no. " + facts.alertId()
                + " · 截至 As of " + MailText.time(facts.asOf(), zone);
        return new RenderedMail(subject,
                textBody(heading, fields, action, facts.ackUrl(), footer),
                htmlBody(subject, heading, fields, action, facts.ackUrl(), footer));
    }

    /** One labelled line of the body; the value is already masked and on one line, but not yet escaped. */
    private record Field(String label, String value) {
    }

    private List<Field> fields(AlertFacts facts, Lateness lateness) {
        boolean outbound = facts.direction() == Direction.OUTBOUND;
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(facts.kind().zh() + " " + facts.kind().en(),
                MailText.time(facts.due().toInstant(), zone)));
        fields.add(new Field("现状 Status", lateness.both()));
        fields.add(new Field("请求编号 Request", line(facts.requestId())));
        fields.add(new Field("方向 Direction", outbound
                ? "我方发出，等待对方回复 Outbound: we asked another region and wait for its answer"
                : "外地来函，须我方办理 Inbound: another region asked us, and our units must answer"));
        fields.add(new Field("平台 Platform", line(facts.platform())));
        fields.add(new Field(outbound ? "目标地区 Target region" : "发送单位 Sending unit", line(facts.counterpart())));
        if (facts.requestingRoom() != null) {
            fields.add(new Field("请求单位 Requesting room", line(facts.requestingRoom())));
        }
        fields.add(new Field("案件编号 Case number", line(facts.caseNumber())));
        fields.add(new Field("优先级 Priority", Labels.zh(facts.priority()) + " " + Labels.en(facts.priority())));
        return fields;
    }

    private record Action(String zh, String en) {
    }

    /** What the officer should do, Chinese then English: it depends on who owes the next move, and which move. */
    private static Action action(AlertFacts facts) {
        String platform = line(facts.platform());
        return switch (facts.direction()) {
            // our requests have a reply deadline only: whether the other region signed for one is theirs to track
            case OUTBOUND -> new Action(
                    "请在 " + platform + " 平台上或电话联系对方单位，催其回复。",
                    "Chase the other region for its reply, on the " + platform + " platform or by phone.");
            case INBOUND -> switch (facts.kind()) {
                case REPLY -> new Action(
                    "请督促我方承办单位在 " + platform + " 平台上按期回复：超期未回复计入月度考核。",
                    "Make sure our handling unit replies on the " + platform
                            + " platform in time: a late reply counts against the bureau in the monthly assessment.");
                case SIGN_FOR -> new Action(
                    "请我方承办单位在 " + platform + " 平台上签收此请求。",
                    "Have our handling unit sign for this request on the " + platform + " platform.");
            };
        };
    }

    private static String textBody(String heading, List<Field> fields, Action action, String ackUrl, String footer) {
        StringBuilder text = new StringBuilder(heading).append("\n\n");
        fields.forEach(f -> text.append(f.label()).append(": ").append(f.value()).append('\n'));
        text.append("\n请处理 What to do:\n  ").append(action.zh()).append("\n  ").append(action.en()).append('\n');
        if (ackUrl != null) {
            text.append("\n确认收到 Acknowledge: ").append(ackUrl).append('\n');
        }
        return text.append('\n').append(footer).append('\n').toString();
    }

    private static String htmlBody(String subject, String heading, List<Field> fields, Action action, String ackUrl,
            String footer) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(html(subject)).append("</title></head>\n")
                .append("<body style=\"font-family:sans-serif\">\n")
                .append("<h2>").append(html(heading)).append("</h2>\n<table>\n");
        fields.forEach(f -> html.append("<tr><th align=\"left\">").append(html(f.label()))
                .append("</th><td>").append(html(f.value())).append("</td></tr>\n"));
        html.append("</table>\n<h3>请处理 What to do</h3>\n<p>").append(html(action.zh())).append("<br>")
                .append(html(action.en())).append("</p>\n");
        if (ackUrl != null) {
            // the link is ours (base URL and signed token), not request data, so it is escaped but never masked:
            // masking a digit run in the token would break the link
            html.append("<p><a href=\"").append(html(ackUrl)).append("\">确认收到 Acknowledge</a></p>\n");
        }
        return html.append("<p style=\"color:#666\">").append(html(footer)).append("</p>\n</body></html>\n")
                .toString();
    }
}
