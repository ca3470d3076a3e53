package org.coophub.simulator;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How the simulator puts a file in place: complete under another name, then renamed, atomically where the file
 * system can. Where it cannot, the simulator still runs, with a plain (copying) move: it stands in for a platform
 * on any machine. The hub's own writers do not fall back (a local system must never see half a file), which is why
 * {@code delivery/LocalDelivery} keeps its own.
 */
final class SimulatorFiles {

    private static final String PART = ".part";

    private SimulatorFiles() {
    }

    /** Writes under {@code <name>.part} and renames, so the final name never shows a half file. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + PART);
        Files.write(part, content);
        move(part, target);
    }

    /** Renames {@code from} to {@code to}, replacing it. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
