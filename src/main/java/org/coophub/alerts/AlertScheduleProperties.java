package org.coophub.alerts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import org.coophub.request.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When each escalation step fires, relative to a deadline ({@code coophub.alerts.schedule.*}), and how the sweeper
 * that sends them works.
 */
@Validated
@ConfigurationProperties("coophub.alerts.schedule")
public record AlertScheduleProperties(
        /** "due soon" this long before a deadline */
        @NotNull @DefaultValue("1d") Duration dueSoonLead,
        /** ... or this long before an URGENT one (its whole deadline is hours) */
        @NotNull @DefaultValue("2h") Duration urgentDueSoonLead,
        @NotNull @DefaultValue("1d") Duration secondNoticeAfter,
        @NotNull @DefaultValue("3d") Duration thirdNoticeAfter,
        /** a sent notice is sent again this often until acknowledged, the next step fires, or the reply comes; 0 = never */
        @NotNull @DefaultValue("4h") Duration repeatEvery,
        @NotNull @DefaultValue("200ms") Duration sweepInterval,
        @Min(1) @Max(10000) @DefaultValue("500") int batch,
        /** how long a claimed alert stays with the instance that claimed it, should it die while sending */
        @NotNull @DefaultValue("2m") Duration claimLease,
        /** first wait after a failed send (the SMTP server down); doubles up to 30 minutes */
        @NotNull @DefaultValue("30s") Duration retryDelay,
        @NotNull @DefaultValue("08:00") LocalTime digestTime) {

    /** How long before its deadline a request of this priority is "due soon". */
    public Duration dueSoonLead(Priority priority) {
        return priority == Priority.URGENT ? urgentDueSoonLead : dueSoonLead;
    }

    public AlertScheduleProperties {
        if (thirdNoticeAfter != null && secondNoticeAfter != null && thirdNoticeAfter.compareTo(secondNoticeAfter) <= 0) {
            throw new IllegalArgumentException(
                    "coophub.alerts.schedule.third-notice-after must be later than second-notice-after");
        }
    }
}
