package org.coophub.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coophub.intake.IntakeProperties;
import org.coophub.replies.RepliesProperties;
import org.springframework.stereotype.Component;

/**
 * Stops the start when two of the local drop folders are one: the hub takes every {@code *.json} from both
 * outboxes, so with one folder for both each intake would take the other's files, and a file refused into a
 * quarantine that is an outbox would be taken again at every poll. The settings live in two records, so the rule
 * is checked here, once both are bound. Paths are compared as written (made absolute and normalised); a symbolic
 * link is not followed.
 */
@Component
class LocalFolders {

    LocalFolders(IntakeProperties intake, RepliesProperties replies) {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("coophub.intake.outbox", intake.outbox());
        folders.put("coophub.replies.outbox", replies.outbox());
        folders.put("coophub.intake.quarantine", intake.quarantine());
        Map<Path, String> seen = new LinkedHashMap<>();
        folders.forEach((key, folder) -> {
            Path normalised = folder.toAbsolutePath().normalize();
            String earlier = seen.putIfAbsent(normalised, key);
            if (earlier != null) {
                throw new IllegalArgumentException(key + " must differ from " + earlier + " (both " + normalised
                        + "): the outboxes are polled for *.json files, and refused files must leave them");
            }
        });
    }
}
