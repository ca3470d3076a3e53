package org.coophub.alerts;

import static org.coophub.alerts.MailText.html;
import static org.coophub.alerts.MailText.line;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * Renders the daily digest for the duty liaison officer: overdue first, then due soon, then the rest, each group by
 * deadline, earliest first. Chinese with the English beside it, masked and escaped like {@link AlertMail}.
 */
public final class DigestMail {

    private static final String[] COLUMNS = {
        "请求编号 Request", "类型 Type", "方向 Direction", "期限 Deadline", "状态 State", "现状 Status"};

    private static final String REFUSED = "平台来件未能接收（自上次摘要） Platform files kept aside since the last digest"
            + " (newest first)";
    private static final String REFUSED_WHY = "其中若有外地来函，我方将无从办理，请核查 A request from another region among"
            + " them reaches no unit of ours: please look into it";
    private static final String HELD_BACK = "我方回复尚未发出（逾1小时） Our replies not on their platform after an hour";
    private static final String HELD_BACK_WHY = "平台不通或附件名被占用，详见请求历史 The platform is down or an attachment"
            + " name is still taken there: the request's history says which";
    private static final int EXCERPT = 200;

    private final ZoneId zone;

    /** @param zone the bureau's zone (coophub.zone), which the digest's date and times are in */
    public DigestMail(ZoneId zone) {
        this.zone = zone;
    }

    public RenderedMail render(DigestFacts facts) {
        LocalDate date = LocalDate.ofInstant(facts.asOf(), zone);
        String title = "每日摘要 Daily digest " + date
                + " · 超期 " + facts.overdue().size() + " overdue"
                + " · 即将到期 " + facts.dueSoon().size() + " due soon"
                + " · 未结 " + facts.openCount() + " open";
        String subject = "[coophub] " + title;
        List<Group> groups = List.of(
                new Group("超期 Overdue", cells(facts.overdue(), facts.asOf())),
                new Group("即将到期 Due soon", cells(facts.dueSoon(), facts.asOf())),
                new Group("其他未结 Other open", cells(facts.otherOpen(), facts.asOf())));
        String footer = "截至 As of " + MailText.time(facts.asOf(), zone) + " · coophub";
        List<String> refused = facts.refused().stream()
                .map(input -> MailText.time(input.at().toInstant(), zone) + " · " + line(input.inputName()) + " · "
                        + excerpt(line(input.reason())))
                .toList();
        List<Section> sections = List.of(
                new Section(HELD_BACK, HELD_BACK_WHY, facts.heldBack().stream()
                        .map(reply -> line(reply.requestId()) + " · " + reply.platform()).toList()),
                new Section(REFUSED, REFUSED_WHY, refused));
        return new RenderedMail(subject, textBody(title, groups, sections, footer),
                htmlBody(subject, title, groups, sections, footer));
    }

    private static String excerpt(String reason) {
        return reason.codePointCount(0, reason.length()) <= EXCERPT ? reason
                : reason.substring(0, reason.offsetByCodePoints(0, EXCERPT)) + "…";
    }

    /** A list shown only when it has entries, with why it matters; its lines masked but not yet escaped. */
    private record Section(String title, String why, List<String> lines) {
    }

    /** A titled list of rows, each row its cells in {@link #COLUMNS} order, masked but not yet escaped. */
    private record Group(String title, List<List<String>> rows) {
    }

    private List<List<String>> cells(List<DigestFacts.Row> rows, Instant asOf) {
        return rows.stream()
                .sorted(Comparator.comparing(row -> row.due().toInstant()))
                .map(row -> List.of(
                        line(row.requestId()),
                        Labels.zh(row.type()) + " " + row.type().name(),
                        Labels.zh(row.direction()) + " " + Labels.en(row.direction()),
                        row.kind().zh() + " " + row.kind().en() + " " + MailText.time(row.due().toInstant(), zone),
                        Labels.zh(row.state()) + " " + row.state().name(),
                        Lateness.of(row.due().toInstant(), asOf).both()))
                .toList();
    }

    private static String textBody(String title, List<Group> groups, List<Section> sections, String footer) {
        StringBuilder text = new StringBuilder(title).append('\n');
        for (Group group : groups) {
            text.append('\n').append(group.title()).append(" (").append(group.rows().size()).append(")\n");
            if (group.rows().isEmpty()) {
                text.append("  无 None\n");
            }
            group.rows().forEach(row -> text.append("  ").append(String.join(" · ", row)).append('\n'));
        }
        for (Section section : sections) {
            if (!section.lines().isEmpty()) {
                text.append('\n').append(section.title()).append(" (").append(section.lines().size()).append(")\n  ")
                        .append(section.why()).append('\n');
                section.lines().forEach(line -> text.append("  ").append(line).append('\n'));
            }
        }
        return text.append('\n').append(footer).append('\n').toString();
    }

    private static String htmlBody(String subject, String title, List<Group> groups, List<Section> sections,
            String footer) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(html(subject)).append("</title></head>\n")
                .append("<body style=\"font-family:sans-serif\">\n")
                .append("<h2>").append(html(title)).append("</h2>\n");
        for (Group group : groups) {
            html.append("<h3>").append(html(group.title())).append(" (").append(group.rows().size()).append(")</h3>\n");
            if (group.rows().isEmpty()) {
                html.append("<p>无 None</p>\n");
                continue;
            }
            html.append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">\n<tr>");
            for (String column : COLUMNS) {
                html.append("<th align=\"left\">").append(html(column)).append("</th>");
            }
            html.append("</tr>\n");
            for (List<String> row : group.rows()) {
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(html(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        for (Section section : sections) {
            if (!section.lines().isEmpty()) {
                html.append("<h3>").append(html(section.title())).append(" (").append(section.lines().size())
                        .append(")</h3>\n<p>").append(html(section.why())).append("</p>\n<ul>\n");
                section.lines().forEach(line -> html.append("<li>").append(html(line)).append("</li>\n"));
                html.append("</ul>\n");
            }
        }
        return html.append("<p style=\"color:#666\">").append(html(footer)).append("</p>\n</body></html>\n")
                .toString();
    }
}
