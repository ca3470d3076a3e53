package org.coophub.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Stops the start when a platform's known-hosts file, or its private-key file when one is set, is missing or cannot
 * be read: every connection to the platform would fail, and requests would wait for a fix nobody is told about.
 *
 * <p>Checked once every bean exists, not when the settings are bound: in the default profile the platform simulator
 * (a bean) writes both files on its first start.
 */
@Component
class PlatformKeyFiles implements SmartInitializingSingleton {

    private final PlatformsProperties platforms;

    PlatformKeyFiles(PlatformsProperties platforms) {
        this.platforms = platforms;
    }

    @Override
    public void afterSingletonsInstantiated() {
        new TreeMap<>(platforms.platforms()).forEach((name, platform) -> {
            String key = "coophub.platforms." + name;
            check(key + ".known-hosts", platform.knownHosts());
            if (platform.privateKey() != null) {
                check(key + ".private-key", platform.privateKey());
            }
        });
    }

    private static void check(String key, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new IllegalStateException(key + ": " + absolute + " does not exist");
        }
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalStateException(key + ": " + absolute + " is not a file");
        }
        if (!Files.isReadable(absolute)) {
            throw new IllegalStateException(key + ": " + absolute + " cannot be read by the hub's user");
        }
    }
}
