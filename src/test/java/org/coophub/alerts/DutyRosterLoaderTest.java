package org.coophub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake an administrator can make in the roster is refused, naming the file and the entry. */
class DutyRosterLoaderTest {

    private static final String VALID = """
            shift-change: "08:30"
            zone: Asia/Shanghai
            fallback: duty-desk@example.org
            officers:
              - {id: wang, name: 王警官, email: wang@example.org}
              - {id: li, name: 李警官, email: li@example.org}
            supervisors:
              - {id: zhao, name: 赵科长, email: zhao@example.org}
            head: {id: chen, name: 陈主任, email: chen@example.org}
            rota:
              weekdays: {MONDAY: wang, TUESDAY: li}
              dates: {"2026-10-01": li}
              supervisor: zhao
            """;

    @TempDir
    Path dir;

    @Test
    void theValidBaseLoads() throws IOException {
        assertThat(DutyRosterLoader.load(write(VALID))).isNotNull();
    }

    @Test
    void anUnknownOfficerInTheRotaIsNamed() throws IOException {
        Path file = write(VALID.replace("TUESDAY: li}", "TUESDAY: lii}"));
        assertThatThrownBy(() -> DutyRosterLoader.load(file))
                .isInstanceOf(InvalidRosterException.class)
                .hasMessage(file + ": rota.weekdays.TUESDAY: no officer with id 'lii'");
    }

    @Test
    void theMessageIsAsAnAdministratorReadsIt() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Path file = Files.writeString(dir.resolve("config/duty-roster.yaml"), VALID.replace("TUESDAY: li}", "TUESDAY: lii}"));
        Path relative = Path.of("").toAbsolutePath().relativize(file);
        assertThatThrownBy(() -> DutyRosterLoader.load(relative))
                .hasMessageEndingWith("config/duty-roster.yaml: rota.weekdays.TUESDAY: no officer with id 'lii'");
    }

    @Test
    void unknownIdsInDateExceptionsAndSupervisorsAreNamed() throws IOException {
        refused(VALID.replace("\"2026-10-01\": li", "\"2026-10-01\": zhng"),
                "rota.dates.2026-10-01: no officer with id 'zhng'");
        refused(VALID.replace("supervisor: zhao", "supervisor: zhoa"),
                "rota.supervisor: no supervisor with id 'zhoa'");
        refused(VALID.replace("supervisor: zhao", "supervisor: {MONDAY: [zhao, wang]}"),
                "rota.supervisor.MONDAY: no supervisor with id 'wang'");
        refused(VALID.replace("MONDAY: wang", "MONDAY: zhao"), "rota.weekdays.MONDAY: no officer with id 'zhao'");
        refused(VALID.replace("TUESDAY: li}", "TUESDAY: }"), "rota.weekdays.TUESDAY: needs an id from officers");
    }

    @Test
    void duplicateIdsAreRefusedWhereverTheyAre() throws IOException {
        refused(VALID.replace("{id: li, name: 李警官", "{id: wang, name: 李警官"),
                "officers[1].id: 'wang' is used twice (also officers[0])");
        refused(VALID.replace("{id: zhao,", "{id: li,"), "supervisors[0].id: 'li' is used twice (also officers[1])");
        refused(VALID.replace("{id: chen,", "{id: zhao,"), "head.id: 'zhao' is used twice (also supervisors[0])");
    }

    @Test
    void badEmailsAreRefused() throws IOException {
        refused(VALID.replace("li@example.org", "li@example"), "officers[1].email: 'li@example' is not an email address");
        refused(VALID.replace("zhao@example.org", "zhao example.org"),
                "supervisors[0].email: 'zhao example.org' is not an email address");
        refused(VALID.replace("fallback: duty-desk@example.org", "fallback: duty-desk"),
                "fallback: 'duty-desk' is not an email address");
        refused(VALID.replace(", email: chen@example.org", ""), "head.email: missing");
    }

    @Test
    void aMissingFallbackIsRefused() throws IOException {
        refused(VALID.replace("fallback: duty-desk@example.org\n", ""), "fallback: missing");
        refused(VALID.replace("fallback: duty-desk@example.org", "fallback:"), "fallback: missing");
    }

    @Test
    void badWeekdayNamesAreRefused() throws IOException {
        refused(VALID.replace("MONDAY: wang", "MONDY: wang"),
                "rota.weekdays.MONDY: 'MONDY' is not a weekday (MONDAY, TUESDAY, ... SUNDAY)");
        refused(VALID.replace("supervisor: zhao", "supervisor: {FRI: zhao}"),
                "rota.supervisor.FRI: 'FRI' is not a weekday");
        refused(VALID.replace("MONDAY: wang", "MONDAY: wang, monday: li"),
                "rota.weekdays.monday: the weekday is listed twice");
    }

    @Test
    void aKeyWrittenTwiceIsRefusedRatherThanTheLastOneWinning() throws IOException {
        refused(VALID.replace("MONDAY: wang", "MONDAY: wang, MONDAY: li"), "not valid YAML");
    }

    @Test
    void badDatesAreRefused() throws IOException {
        refused(VALID.replace("\"2026-10-01\"", "\"2026-10-32\""),
                "rota.dates.2026-10-32: '2026-10-32' is not a date (yyyy-MM-dd");
        refused(VALID.replace("\"2026-10-01\"", "01.10.2026"), "rota.dates.01.10.2026: '01.10.2026' is not a date");
    }

    @Test
    void unquotedDatesAreReadAsDates() throws IOException {
        assertThat(DutyRosterLoader.load(write(VALID.replace("\"2026-10-01\"", "2026-10-01")))).isNotNull();
    }

    @Test
    void aBadShiftChangeOrZoneIsRefused() throws IOException {
        refused(VALID.replace("\"08:30\"", "\"25:00\""), "shift-change: '25:00' is not a time of day (HH:mm");
        refused(VALID.replace("\"08:30\"", "8h30"), "shift-change: '8h30' is not a time of day");
        refused(VALID.replace("shift-change: \"08:30\"\n", ""), "shift-change: missing");
        refused(VALID.replace("Asia/Shanghai", "Asia/Beijing"), "zone: 'Asia/Beijing' is not a time zone");
    }

    @Test
    void missingPartsAndMisspeltKeysAreRefused() throws IOException {
        refused(VALID.replace("head: {id: chen, name: 陈主任, email: chen@example.org}\n", ""), "head: missing");
        refused(VALID.replace("  weekdays: {MONDAY: wang, TUESDAY: li}\n", ""), "rota.weekdays: missing");
        refused(VALID.replace("fallback:", "fallbak:"), "fallbak: unknown key; expected one of [");
        refused(VALID.replace("{id: wang, name: 王警官,", "{id: wang, nmae: 王警官,"), "officers[0].nmae: unknown key");
        refused(VALID.replace("  supervisor: zhao", "  supervisors: zhao"), "rota.supervisors: unknown key");
        refused(VALID.replace("officers:\n", "officers: wang\nx:\n"), "officers: must be a list of {id, name, email}");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        Path file = write(VALID.replace("TUESDAY: li}", "TUESDAY: lii}").replace("li@example.org", "li@"));
        assertThatThrownBy(() -> DutyRosterLoader.load(file))
                .isInstanceOfSatisfying(InvalidRosterException.class, e -> assertThat(e.problems()).containsExactly(
                        file + ": officers[1].email: 'li@' is not an email address",
                        file + ": rota.weekdays.TUESDAY: no officer with id 'lii'"));
    }

    @Test
    void anUnreadableOrBrokenFileIsNamed() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> DutyRosterLoader.load(missing))
                .isInstanceOf(InvalidRosterException.class)
                .hasMessageStartingWith(missing + ": cannot be read");
        refused("officers: [", "not valid YAML");
        refused("- just a list", "must be a map");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml, String problem) throws IOException {
        Path file = write(yaml);
        return assertThatThrownBy(() -> DutyRosterLoader.load(file))
                .isInstanceOf(InvalidRosterException.class)
                .hasMessageContaining(file + ": " + problem);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("roster.yaml"), yaml);
    }
}
