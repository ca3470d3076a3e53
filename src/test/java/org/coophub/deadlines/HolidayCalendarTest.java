package org.coophub.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HolidayCalendarTest {

    @TempDir
    Path dir;

    @Test
    void withoutACalendarEveryDayCounts() {
        assertThat(HolidayCalendar.none().isWorkingDay(LocalDate.parse("2026-10-03"))).isTrue();
        assertThat(HolidayCalendar.none().isWorkingDay(LocalDate.parse("2026-10-01"))).isTrue();
    }

    @Test
    void weekendsAndHolidaysAreOffAndSwappedWeekendDaysAreWorked() throws IOException {
        HolidayCalendar calendar = HolidayCalendar.load(file("""
                holidays: [2026-10-01, 2026-10-02]
                workdays: [2026-10-10]
                """));
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-30"))).as("Wednesday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-01"))).as("holiday Thursday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-03"))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-04"))).as("Sunday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).as("worked Saturday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-17"))).as("ordinary Saturday").isFalse();
    }

    @Test
    void quotedDatesAndEmptyListsAreFine() throws IOException {
        HolidayCalendar calendar = HolidayCalendar.load(file("""
                holidays: ["2026-10-01"]
                workdays:
                """));
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse();
    }

    @Test
    void theShippedSampleLoads() {
        HolidayCalendar calendar = HolidayCalendar.load(Path.of("config/holidays-2026.yaml"));
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-17"))).as("Spring Festival").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-07"))).as("National Day").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-08"))).as("after National Day").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-20"))).as("swapped Sunday").isTrue();
    }

    @Test
    void aBadDateIsNamedWithItsFileAndPosition() throws IOException {
        Path file = file("holidays: [2026-10-01, 2026-13-01]\n");
        assertThatThrownBy(() -> HolidayCalendar.load(file))
                .isInstanceOf(InvalidHolidayCalendarException.class)
                .hasMessage(file + ": holidays[1]: '2026-13-01' is not a date (yyyy-MM-dd)");
    }

    @Test
    void aDateListedTwiceIsRefused() throws IOException {
        Path file = file("holidays: [2026-10-01, 2026-10-01]\n");
        assertThatThrownBy(() -> HolidayCalendar.load(file))
                .hasMessage(file + ": holidays[1]: 2026-10-01 is listed twice");
    }

    @Test
    void aWorkdayThatIsNotAWeekendDayIsRefused() throws IOException {
        Path file = file("workdays: [2026-09-28]\n");
        assertThatThrownBy(() -> HolidayCalendar.load(file))
                .hasMessageStartingWith(file + ": workdays: 2026-09-28 is a MONDAY");
    }

    @Test
    void aDayThatIsBothHolidayAndWorkdayIsRefused() throws IOException {
        Path file = file("holidays: [2026-10-10]\nworkdays: [2026-10-10]\n");
        assertThatThrownBy(() -> HolidayCalendar.load(file))
                .hasMessage(file + ": 2026-10-10 is listed both in holidays and in workdays");
    }

    @Test
    void aMisspeltKeyIsRefusedRatherThanIgnored() throws IOException {
        Path file = file("holiday: [2026-10-01]\n");
        assertThatThrownBy(() -> HolidayCalendar.load(file))
                .hasMessageStartingWith(file + ": holiday: unknown key");
    }

    @Test
    void aListThatIsNotAListIsRefused() throws IOException {
        Path file = file("holidays: 2026-10-01\n");
        assertThatThrownBy(() -> HolidayCalendar.load(file))
                .hasMessage(file + ": holidays: must be a list of dates (yyyy-MM-dd)");
    }

    @Test
    void brokenYamlAndMissingFilesAreNamed() throws IOException {
        Path broken = file("holidays: [2026-10-01\n");
        assertThatThrownBy(() -> HolidayCalendar.load(broken)).hasMessageStartingWith(broken + ": not valid YAML");
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> HolidayCalendar.load(missing)).hasMessageStartingWith(missing + ": cannot be read");
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("holidays.yaml"), yaml);
    }
}
