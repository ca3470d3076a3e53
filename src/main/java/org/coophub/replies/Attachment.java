package org.coophub.replies;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coophub.intake.DeclaredFile;

/**
 * A file sent with a reply, e.g. a statement transcript. The file travels next to the reply; the reply
 * names it and declares its size and hash so the receiver can tell a complete copy from a broken one.
 *
 * @param name   plain file name, no directories
 * @param sha256 lowercase hex SHA-256 of the file's bytes
 * @param size   the file's length in bytes
 */
public record Attachment(String name, String sha256, long size) implements DeclaredFile {

    @Override
    public boolean heldBy(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return AttachmentFiles.matches(in, this);
        }
    }
}
