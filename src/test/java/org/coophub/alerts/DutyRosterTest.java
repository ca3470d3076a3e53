package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is on duty at a given instant, and who an alert goes to. */
class DutyRosterTest {

    @TempDir
    Path dir;

    private DutyRoster roster;

    @BeforeEach
    void load() throws IOException {
        // 2026-10-01 is a Thursday; nobody is rostered on Sunday, and no supervisor on Saturday
        roster = DutyRosterLoader.load(Files.writeString(dir.resolve("duty-roster.yaml"), """
                shift-change: "08:30"
                zone: Asia/Shanghai
                fallback: duty-desk@example.org
                officers:
                  - {id: wang, name: 王警官, email: wang@example.org}
                  - {id: li, name: 李警官, email: li@example.org}
                  - {id: zhang, name: 张警官, email: zhang@example.org}
                supervisors:
                  - {id: zhao, name: 赵科长, email: zhao@example.org}
                  - {id: sun, name: 孙科长, email: sun@example.org}
                head: {id: chen, name: 陈主任, email: chen@example.org}
                rota:
                  weekdays: {MONDAY: wang, TUESDAY: li, WEDNESDAY: wang, THURSDAY: li, FRIDAY: wang, SATURDAY: li}
                  dates: {"2026-10-01": zhang}
                  supervisor: {MONDAY: zhao, TUESDAY: zhao, WEDNESDAY: zhao, THURSDAY: [zhao, sun],
                               FRIDAY: sun, SUNDAY: sun}
                """));
    }

    @Test
    void theDutyDayBeginsAtTheShiftChange() {
        // Tuesday 2026-09-29
        assertThat(officerAt("2026-09-29T08:29:59")).isEqualTo("wang");
        assertThat(officerAt("2026-09-29T08:30:00")).isEqualTo("li");
        assertThat(officerAt("2026-09-29T23:59:59")).isEqualTo("li");
        assertThat(officerAt("2026-09-30T00:00:00")).as("after midnight, still Tuesday's duty").isEqualTo("li");
        assertThat(roster.dutyDayAt(at("2026-09-30T03:00:00"))).isEqualTo(LocalDate.parse("2026-09-29"));
    }

    @Test
    void theShiftChangeIsLocalTimeInTheRostersZone() {
        // 00:30 UTC is 08:30 in Shanghai
        assertThat(roster.onDutyAt(Instant.parse("2026-09-29T00:29:00Z")).officer().id()).isEqualTo("wang");
        assertThat(roster.onDutyAt(Instant.parse("2026-09-29T00:30:00Z")).officer().id()).isEqualTo("li");
    }

    @Test
    void aDateExceptionTakesPrecedenceForItsWholeDutyDay() {
        assertThat(officerAt("2026-10-01T08:29")).as("still Wednesday's duty").isEqualTo("wang");
        assertThat(officerAt("2026-10-01T08:30")).as("Thursday, but the exception").isEqualTo("zhang");
        assertThat(officerAt("2026-10-02T08:29")).as("the exception lasts to the next change").isEqualTo("zhang");
        assertThat(officerAt("2026-10-02T08:30")).as("back to the weekly rota").isEqualTo("wang");
        assertThat(officerAt("2026-10-08T12:00")).as("the next Thursday").isEqualTo("li");
    }

    @Test
    void aGapInTheRotaPutsTheFallbackInPlaceOfTheOfficer() {
        OnDuty sunday = roster.onDutyAt(at("2026-10-04T12:00"));
        assertThat(sunday.officer()).isNull();
        assertThat(sunday.fallbackEmail()).isEqualTo("duty-desk@example.org");
        assertThat(sunday.recipients(EscalationLevel.OFFICER)).containsExactly("duty-desk@example.org");
        assertThat(sunday.recipients(EscalationLevel.OFFICER_AND_SUPERVISOR))
                .containsExactly("duty-desk@example.org", "sun@example.org");
        assertThat(officerAt("2026-10-05T08:29")).as("Sunday's gap lasts to Monday's change").isNull();
    }

    @Test
    void eachLevelAddsPeopleToTheOneBefore() {
        OnDuty monday = roster.onDutyAt(at("2026-09-28T10:00"));
        assertThat(monday.recipients(EscalationLevel.OFFICER)).containsExactly("wang@example.org");
        assertThat(monday.recipients(EscalationLevel.OFFICER_AND_SUPERVISOR))
                .containsExactly("wang@example.org", "zhao@example.org");
        assertThat(monday.recipients(EscalationLevel.ALL))
                .containsExactly("wang@example.org", "zhao@example.org", "chen@example.org");
    }

    @Test
    void severalSupervisorsOnADayAreAllReached() {
        OnDuty thursday = roster.onDutyAt(at("2026-10-08T10:00"));
        assertThat(thursday.supervisors()).extracting(Person::id).containsExactly("zhao", "sun");
        assertThat(thursday.head()).isEqualTo(new Person("chen", "陈主任", "chen@example.org"));
        assertThat(thursday.recipients(EscalationLevel.ALL))
                .containsExactly("li@example.org", "zhao@example.org", "sun@example.org", "chen@example.org");
    }

    @Test
    void aDayWithoutSupervisorSendsSupervisorAlertsToTheFallbackOnce() {
        OnDuty saturday = roster.onDutyAt(at("2026-10-03T10:00"));
        assertThat(saturday.supervisors()).isEmpty();
        assertThat(saturday.recipients(EscalationLevel.ALL))
                .containsExactly("li@example.org", "duty-desk@example.org", "chen@example.org");
        OnDuty nobody = new OnDuty(null, List.of(), saturday.head(), "duty-desk@example.org");
        assertThat(nobody.recipients(EscalationLevel.ALL))
                .as("each address once").containsExactly("duty-desk@example.org", "chen@example.org");
    }

    @Test
    void aSingleSupervisorIdCoversEveryDay() throws IOException {
        DutyRoster single = DutyRosterLoader.load(Files.writeString(dir.resolve("single.yaml"), """
                shift-change: 8:00
                zone: Asia/Shanghai
                fallback: duty-desk@example.org
                officers: [{id: wang, name: 王警官, email: wang@example.org}]
                supervisors: [{id: zhao, name: 赵科长, email: zhao@example.org}]
                head: {id: chen, name: 陈主任, email: chen@example.org}
                rota:
                  weekdays: {monday: wang}
                  supervisor: zhao
                """));
        for (int day = 0; day < 7; day++) {
            OnDuty onDuty = single.onDutyAt(at(LocalDate.parse("2026-09-28").plusDays(day) + "T12:00"));
            assertThat(onDuty.supervisors()).extracting(Person::id).containsExactly("zhao");
        }
        assertThat(single.onDutyAt(at("2026-09-28T08:00")).officer().id()).as("lower-case weekday").isEqualTo("wang");
        assertThat(single.onDutyAt(at("2026-09-28T07:59")).officer()).as("unquoted 8:00 read as a time").isNull();
    }

    @Test
    void theShippedSampleLoads() {
        DutyRoster sample = DutyRosterLoader.load(Path.of("config/duty-roster.yaml"));
        OnDuty nationalDay = sample.onDutyAt(at("2026-10-01T09:00"));
        assertThat(nationalDay.officer().id()).isEqualTo("zhang");
        assertThat(nationalDay.officer().name()).isEqualTo("张警官");
        assertThat(nationalDay.recipients(EscalationLevel.ALL))
                .containsExactly("zhang@example.org", "sun@example.org", "chen@example.org");
        assertThat(sample.onDutyAt(at("2026-09-28T09:00")).officer().id()).isEqualTo("wang");
    }

    private String officerAt(String localDateTime) {
        Person officer = roster.onDutyAt(at(localDateTime)).officer();
        return officer == null ? null : officer.id();
    }

    private static Instant at(String localDateTime) {
        String withSeconds = localDateTime.length() == 16 ? localDateTime + ":00" : localDateTime;
        return OffsetDateTime.parse(withSeconds + "+08:00").toInstant();
    }
}
