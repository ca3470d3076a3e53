package org.coophub.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coophub.delivery.DeliveryProperties;
import org.coophub.intake.IntakeProperties;
import org.coophub.replies.RepliesProperties;
import org.coophub.reporting.ReportingProperties;
import org.springframework.stereotype.Component;

/**
 * Stops the start when two of the local folders are one: the hub takes every {@code *.json} from both outboxes,
 * so with one folder for both each intake would take the other's files; a file refused into a quarantine that is
 * an outbox would be taken again at every poll; a reply delivered into an outbox would be taken as a request. The
 * settings live in several records, so the rule is checked here, once all are bound. Paths are compared as written
 * (made absolute and normalised); a symbolic link is not followed.
 */
@Component
class LocalFolders {

    LocalFolders(IntakeProperties intake, RepliesProperties replies, DeliveryProperties delivery,
            ReportingProperties reporting) {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("coophub.intake.outbox", intake.outbox());
        folders.put("coophub.replies.outbox", replies.outbox());
        folders.put("coophub.intake.quarantine", intake.quarantine());
        folders.put("coophub.delivery.inbox", delivery.inbox());
        // where the delivered *.json files are actually written: an outbox there would take them in again
        folders.put("coophub.delivery.inbox (its replies folder)", delivery.repliesFolder());
        folders.put("coophub.delivery.inbox (its requests folder)", delivery.requestsFolder());
        folders.put("coophub.replies.attachment-store", replies.attachmentStore());
        folders.put("coophub.reporting.detentions-folder", reporting.detentionsFolder());
        Map<Path, String> seen = new LinkedHashMap<>();
        folders.forEach((key, folder) -> {
            Path normalised = folder.toAbsolutePath().normalize();
            String earlier = seen.putIfAbsent(normalised, key);
            if (earlier != null) {
                throw new IllegalArgumentException(key + " must differ from " + earlier + " (both " + normalised
                        + "): each of the hub's local folders has a use of its own");
            }
        });
    }
}
