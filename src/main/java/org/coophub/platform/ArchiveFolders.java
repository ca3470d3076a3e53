package org.coophub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes sure a polled platform folder has its {@code .done} and {@code .error} folders before its polling routes
 * move files into them. Several routes share a folder ({@link PollShard}); left to themselves, two of them creating
 * {@code .done} at the same moment make one move fail, and that file would stay behind. Checked once per folder
 * and run of the hub, over a connection of its own; while the platform cannot be reached, at most once per poll
 * interval, so the routes sharing a folder do not each wait out a connect timeout before their own poll does.
 */
@Component
public class ArchiveFolders {

    private static final String DONE = ".done";
    private static final String ERROR = ".error";

    private static final Logger log = LoggerFactory.getLogger(ArchiveFolders.class);

    private final PlatformsProperties platforms;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

    public ArchiveFolders(PlatformsProperties platforms) {
        this.platforms = platforms;
    }

    /**
     * @return true once both folders exist; false if the platform cannot be reached now (the poll that follows
     *         reports that itself, and the next one tries again)
     */
    public boolean ensure(String platform, String folder) {
        String key = platform + "/" + folder;
        if (ready.contains(key)) {
            return true;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            if (ready.contains(key)) {
                return true;
            }
            Instant retryAt = notBefore.get(key);
            if (retryAt != null && Instant.now().isBefore(retryAt)) {
                return false;
            }
            try (PlatformFiles files = PlatformFiles.open(platforms.get(platform))) {
                files.ensureFolder(folder + "/" + DONE);
                files.ensureFolder(folder + "/" + ERROR);
                ready.add(key);
                return true;
            } catch (IOException | UncheckedIOException e) {
                notBefore.put(key, Instant.now().plus(platforms.get(platform).pollInterval()));
                log.debug("Could not check the archive folders of {} on {} yet: {}", folder, platform, e.getMessage());
                return false;
            }
        }
    }
}
