package org.coophub.alerts;

import java.nio.file.Path;
import java.util.List;

/**
 * The duty roster file cannot be used. Every problem found is reported at once, each as
 * {@code <file>: <entry>: <what is wrong>}, so that an administrator fixes the file in one go.
 */
public class InvalidRosterException extends RuntimeException {

    private final List<String> problems;

    InvalidRosterException(Path file, List<String> problems, Throwable cause) {
        super(String.join("\n", prefixed(file, problems)), cause);
        this.problems = prefixed(file, problems);
    }

    /** One line per problem, each starting with the file. */
    public List<String> problems() {
        return problems;
    }

    private static List<String> prefixed(Path file, List<String> problems) {
        return problems.stream().map(problem -> file + ": " + problem).toList();
    }
}
