package org.coophub.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The quarantine folder as administrators see it: what is there and why, and putting a file back where it came from
 * once it is fixed (it is then taken again like any new file).
 */
@Component
public class QuarantineFolder {

    static final String FROM = "from: ";
    private static final String ATTACHMENT = "attachment: ";
    // attachment names cannot hold control characters (ReplyParser's file-name rule), so a tab separates them
    private static final String KEPT_AS = "\tkept as: ";
    static final String REPORT = ".error.txt";

    private final IntakeProperties properties;

    public QuarantineFolder(IntakeProperties properties) {
        this.properties = properties;
    }

    public record Kept(String name, Instant at, String report) {
    }

    /** The report's line for an attachment kept with a refused file: the name the file gives it, the name kept under. */
    static String attachmentLine(String original, String keptAs) {
        return ATTACHMENT + original + KEPT_AS + keptAs;
    }

    public List<Kept> list() throws IOException {
        Path folder = properties.quarantine();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Kept> kept = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path report : files.filter(f -> f.getFileName().toString().endsWith(REPORT)).sorted().toList()) {
                String name = report.getFileName().toString();
                kept.add(new Kept(name.substring(0, name.length() - REPORT.length()),
                        Files.getLastModifiedTime(report).toInstant(), Files.readString(report, StandardCharsets.UTF_8)));
            }
        }
        return kept;
    }

    /** @return the folder the file went back to, or empty if there is no such quarantined file */
    public Optional<Path> requeue(String name) throws IOException {
        Path folder = properties.quarantine().toAbsolutePath().normalize();
        Path file = folder.resolve(name).normalize();
        Path report = file.resolveSibling(name + REPORT);
        if (!file.getParent().equals(folder) || !Files.isRegularFile(file) || !Files.isRegularFile(report)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        Path origin = lines.stream().filter(line -> line.startsWith(FROM)).map(line -> line.substring(FROM.length()))
                .filter(from -> !from.isBlank()).map(Path::of).findFirst().orElse(properties.outbox());
        Files.createDirectories(origin);
        // attachments first, the document that names them last, as the intake expects
        for (String line : lines.stream().filter(line -> line.startsWith(ATTACHMENT) && line.contains(KEPT_AS)).toList()) {
            String entry = line.substring(ATTACHMENT.length());
            String original = entry.substring(0, entry.indexOf(KEPT_AS));
            Path kept = folder.resolve(entry.substring(entry.indexOf(KEPT_AS) + KEPT_AS.length())).normalize();
            Path back = origin.resolve(original).normalize();
            if (kept.getParent().equals(folder) && back.getParent().equals(origin.normalize()) && Files.exists(kept)) {
                Files.move(kept, back, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // a second file of the same name was kept as <name>.<n>; it goes back under its own name
        String original = name.replaceFirst("\\.\\d+$", "");
        Path partial = origin.resolve(original + ".requeued.tmp");
        Files.move(file, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, origin.resolve(original), StandardCopyOption.ATOMIC_MOVE);
        Files.delete(report);
        return Optional.of(origin);
    }
}
