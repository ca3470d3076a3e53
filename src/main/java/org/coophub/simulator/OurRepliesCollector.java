package org.coophub.simulator;

import static org.coophub.simulator.PlatformCounterpart.JSON;
import static org.coophub.simulator.PlatformCounterpart.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.coophub.simulator.PlatformCounterpart.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects our replies to the other regions' requests as a platform would: each complete
 * {@code our-replies/<id>.json} moves with the attachments it names into {@code our-replies/.done/}, so that the
 * names are free again for the next reply (coophub waits rather than overwrite a file another reply left there).
 */
final class OurRepliesCollector {

    private static final Logger log = LoggerFactory.getLogger(OurRepliesCollector.class);

    private OurRepliesCollector() {
    }

    static void collect(Side side) {
        List<Path> complete = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(side.ourReplies, "*" + JSON)) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
                    complete.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path reply : complete) {
            try {
                Path done = Files.createDirectories(side.ourReplies.resolve(".done"));
                for (JsonNode attachment : MAPPER.readTree(reply.toFile()).path("attachments")) {
                    Path file = side.ourReplies.resolve(attachment.path("name").asText()).normalize();
                    if (file.getParent().equals(side.ourReplies) && Files.isRegularFile(file)) {
                        Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(reply, done.resolve(reply.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.warn("Could not collect our reply {} on {}: {}", reply.getFileName(), side.name, e.getMessage());
            }
        }
    }
}
