package org.coophub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the hub archived in a drop folder's {@code .done}, found by the name the file was dropped with. */
public final class Archived {

    /** The stamp ArchiveNames puts before the extension: local time to the millisecond, then 8 hex digits. */
    public static final String STAMP = "\\d{8}-\\d{6}-\\d{3}-[0-9a-f]{8}";

    private Archived() {
    }

    /** The archived copies of {@code name} (e.g. {@code request.json}) in {@code <folder>/.done}, by file name. */
    public static List<Path> copiesOf(Path folder, String name) {
        int dot = name.lastIndexOf('.');
        Pattern archived = dot <= 0 ? Pattern.compile(Pattern.quote(name) + "\\." + STAMP)
                : Pattern.compile(Pattern.quote(name.substring(0, dot)) + "\\." + STAMP + Pattern.quote(name.substring(dot)));
        Path done = folder.resolve(".done");
        if (!Files.isDirectory(done)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.filter(f -> archived.matcher(f.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stamp in the name of an archived copy. */
    public static String stampOf(Path copy) {
        var matcher = Pattern.compile("\\.(" + STAMP + ")(\\.[^.]*)?$").matcher(copy.getFileName().toString());
        if (!matcher.find()) {
            throw new IllegalArgumentException(copy + " has no archive stamp");
        }
        return matcher.group(1);
    }
}
