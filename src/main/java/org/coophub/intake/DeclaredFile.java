package org.coophub.intake;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file an input declares to travel beside it (a reply's attachment), as the input describes its bytes. Names are
 * reused by the systems that share a folder, so a file bearing the name is the input's own only if it holds them.
 */
public interface DeclaredFile {

    String name();

    /** Whether the file holds exactly the declared bytes. */
    boolean heldBy(Path file) throws IOException;
}
