package org.coophub.alerts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.coophub.config.PlainYaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and checks the duty roster file. The file is edited by hand, so every rule is checked and every problem
 * is reported with the entry it is in; a misspelt key is refused rather than ignored.
 */
public final class DutyRosterLoader {

    // A syntax check only: it catches typos such as a missing domain, not addresses that do not exist.
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("H:mm");

    private DutyRosterLoader() {
    }

    public static DutyRoster load(Path file) {
        Object document;
        try {
            document = PlainYaml.load(file);
        } catch (IOException e) {
            throw new InvalidRosterException(file, List.of("cannot be read (" + e + ")"), e);
        } catch (YAMLException e) {
            throw new InvalidRosterException(file, List.of("not valid YAML: " + e.getMessage()), e);
        }
        Check check = new Check();
        DutyRoster roster = check.roster(document);
        if (!check.problems.isEmpty()) {
            throw new InvalidRosterException(file, check.problems, null);
        }
        return roster;
    }

    /** One pass over the file, collecting problems instead of stopping at the first. */
    private static final class Check {

        private final List<String> problems = new ArrayList<>();
        /** Every id seen so far, with where: ids are one namespace across officers, supervisors and head. */
        private final Map<String, String> ids = new HashMap<>();

        DutyRoster roster(Object document) {
            Map<String, Object> top = map("", document,
                    Set.of("shift-change", "zone", "fallback", "officers", "supervisors", "head", "rota"));
            LocalTime shiftChange = shiftChange(top.get("shift-change"));
            ZoneId zone = zone(top.get("zone"));
            String fallback = email("fallback", top.get("fallback"));
            Map<String, Person> officers = people("officers", top.get("officers"));
            Map<String, Person> supervisors = people("supervisors", top.get("supervisors"));
            Person head = top.get("head") == null ? missing("head", "the head of cooperation work, alerted last")
                    : person("head", top.get("head"));
            Map<String, Object> rota = map("rota", top.get("rota"), Set.of("weekdays", "dates", "supervisor"));
            if (rota.get("weekdays") == null) {
                missing("rota.weekdays", "who is on duty each weekday, e.g. {MONDAY: wang}");
            }
            Map<DayOfWeek, Person> weekdays = weekdays(rota.get("weekdays"), officers);
            Map<LocalDate, Person> dates = dates(rota.get("dates"), officers);
            Map<DayOfWeek, List<Person>> supervisorRota = supervisorRota(rota.get("supervisor"), supervisors);
            return problems.isEmpty()
                    ? new DutyRoster(zone, shiftChange, fallback, head, weekdays, dates, supervisorRota)
                    : null;
        }

        private LocalTime shiftChange(Object value) {
            if (value == null) {
                return missing("shift-change", "the local time the duty passes on, e.g. \"08:30\"");
            }
            try {
                return LocalTime.parse(text(value), TIME_OF_DAY);
            } catch (DateTimeParseException e) {
                return problem("shift-change", "'" + value + "' is not a time of day (HH:mm, e.g. \"08:30\")");
            }
        }

        private ZoneId zone(Object value) {
            if (value == null) {
                return missing("zone", "the time zone of the rota, e.g. Asia/Shanghai");
            }
            try {
                return ZoneId.of(text(value));
            } catch (DateTimeException e) {
                return problem("zone", "'" + value + "' is not a time zone (e.g. Asia/Shanghai)");
            }
        }

        /** People by id, in file order. */
        private Map<String, Person> people(String entry, Object value) {
            Map<String, Person> people = new LinkedHashMap<>();
            if (value == null) {
                return people;
            }
            if (!(value instanceof List<?> list)) {
                problem(entry, "must be a list of {id, name, email}");
                return people;
            }
            for (int i = 0; i < list.size(); i++) {
                Person person = person(entry + "[" + i + "]", list.get(i));
                if (person != null) {
                    people.put(person.id(), person);
                }
            }
            return people;
        }

        private Person person(String entry, Object value) {
            Map<String, Object> fields = map(entry, value, Set.of("id", "name", "email"));
            String id = required(entry + ".id", fields.get("id"));
            String name = required(entry + ".name", fields.get("name"));
            String email = email(entry + ".email", fields.get("email"));
            if (id != null && ids.putIfAbsent(id, entry) != null) {
                problem(entry + ".id", "'" + id + "' is used twice (also " + ids.get(id) + ")");
                return null;
            }
            // kept with a bad name or email (already reported) so that the rota does not also report the id unknown
            return id == null ? null : new Person(id, name, email);
        }

        private Map<DayOfWeek, Person> weekdays(Object value, Map<String, Person> officers) {
            Map<DayOfWeek, Person> weekdays = new EnumMap<>(DayOfWeek.class);
            map("rota.weekdays", value, null).forEach((key, id) -> {
                String entry = "rota.weekdays." + key;
                DayOfWeek day = weekday(entry, key, weekdays.keySet());
                Person officer = lookUp(entry, id, officers, "officer");
                if (day != null && officer != null) {
                    weekdays.put(day, officer);
                }
            });
            return weekdays;
        }

        private Map<LocalDate, Person> dates(Object value, Map<String, Person> officers) {
            Map<LocalDate, Person> dates = new HashMap<>();
            map("rota.dates", value, null).forEach((key, id) -> {
                String entry = "rota.dates." + key;
                LocalDate date = date(entry, key);
                Person officer = lookUp(entry, id, officers, "officer");
                // no need to look for the same date twice: the parser refuses duplicate keys, and dates are strict
                if (date != null && officer != null) {
                    dates.put(date, officer);
                }
            });
            return dates;
        }

        /** A single id (or list of ids) for every day, or a map from weekday to id or list of ids. */
        private Map<DayOfWeek, List<Person>> supervisorRota(Object value, Map<String, Person> supervisors) {
            Map<DayOfWeek, List<Person>> rota = new EnumMap<>(DayOfWeek.class);
            if (value instanceof Map<?, ?>) {
                map("rota.supervisor", value, null).forEach((key, ids) -> {
                    String entry = "rota.supervisor." + key;
                    DayOfWeek day = weekday(entry, key, rota.keySet());
                    List<Person> onDuty = lookUpAll(entry, ids, supervisors);
                    if (day != null) {
                        rota.put(day, onDuty);
                    }
                });
            } else if (value != null) {
                List<Person> everyDay = lookUpAll("rota.supervisor", value, supervisors);
                Arrays.stream(DayOfWeek.values()).forEach(day -> rota.put(day, everyDay));
            }
            return rota;
        }

        private List<Person> lookUpAll(String entry, Object ids, Map<String, Person> supervisors) {
            List<?> list = ids instanceof List<?> l ? l : List.of(ids);
            List<Person> people = new ArrayList<>();
            for (Object id : list) {
                Person supervisor = lookUp(entry, id, supervisors, "supervisor");
                if (supervisor != null) {
                    people.add(supervisor);
                }
            }
            return people;
        }

        private Person lookUp(String entry, Object id, Map<String, Person> people, String role) {
            if (!(id instanceof String text) || text.isBlank()) {
                return problem(entry, "needs an id from " + role + "s"
                        + " (leave the entry out for nobody: the fallback then gets the alerts)");
            }
            Person person = people.get(text);
            return person != null ? person : problem(entry, "no " + role + " with id '" + text + "'");
        }

        private DayOfWeek weekday(String entry, String key, Set<DayOfWeek> seen) {
            try {
                DayOfWeek day = DayOfWeek.valueOf(key.toUpperCase(Locale.ROOT));
                return seen.contains(day) ? problem(entry, "the weekday is listed twice") : day;
            } catch (IllegalArgumentException e) {
                return problem(entry, "'" + key + "' is not a weekday (MONDAY, TUESDAY, ... SUNDAY)");
            }
        }

        private LocalDate date(String entry, String key) {
            try {
                return LocalDate.parse(key);
            } catch (DateTimeParseException e) {
                return problem(entry, "'" + key + "' is not a date (yyyy-MM-dd, quoted: \"2026-10-01\")");
            }
        }

        private String email(String entry, Object value) {
            String email = required(entry, value);
            if (email != null && !EMAIL.matcher(email).matches()) {
                return problem(entry, "'" + email + "' is not an email address");
            }
            return email;
        }

        private String required(String entry, Object value) {
            if (value == null || text(value).isBlank()) {
                return missing(entry, null);
            }
            return text(value).strip();
        }

        /**
         * The entry as a map with string keys; empty (and reported) if it is something else. {@code allowed}, when
         * given, lists the only keys the entry may have.
         */
        private Map<String, Object> map(String entry, Object value, Set<String> allowed) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> map)) {
                problem(entry, "must be a map");
                return Map.of();
            }
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                String name = String.valueOf(key);
                String path = entry.isEmpty() ? name : entry + "." + name;
                if (allowed != null && !allowed.contains(name)) {
                    problem(path, "unknown key; expected one of " + allowed.stream().sorted().toList());
                } else {
                    result.put(name, item);
                }
            });
            return result;
        }

        private String text(Object value) {
            return value instanceof String text ? text : String.valueOf(value);
        }

        private <T> T missing(String entry, String what) {
            return problem(entry, what == null ? "missing" : "missing: " + what);
        }

        private <T> T problem(String entry, String message) {
            problems.add(entry.isEmpty() ? message : entry + ": " + message);
            return null;
        }
    }
}
