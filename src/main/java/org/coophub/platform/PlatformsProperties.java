package org.coophub.platform;

import jakarta.validation.Valid;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.coophub.request.Scope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platforms coophub publishes on, by name ({@code coophub.platforms}). Exactly one platform must
 * serve each scope, since the scope rule names the platform a request must go to.
 */
@Validated
@ConfigurationProperties("coophub")
public record PlatformsProperties(@Valid @DefaultValue Map<String, PlatformProperties> platforms) {

    private static final Duration ONE_MILLI = Duration.ofMillis(1);
    private static final Duration INT_MILLIS = Duration.ofMillis(Integer.MAX_VALUE);

    public PlatformsProperties {
        platforms = Map.copyOf(platforms);
        platforms.forEach(PlatformsProperties::checkCredentials);
        platforms.forEach(PlatformsProperties::checkDurations);
        platforms.forEach((name, platform) -> {
            if (platform.folders() != null) {
                FolderRules.check("coophub.platforms." + name + ".folders", platform.folders());
            }
        });
        Map<Scope, List<String>> byScope = platforms.entrySet().stream()
                .filter(e -> e.getValue().scope() != null)
                .collect(Collectors.groupingBy(e -> e.getValue().scope(), () -> new EnumMap<>(Scope.class),
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        for (Scope scope : Scope.values()) {
            List<String> names = byScope.getOrDefault(scope, List.of());
            if (names.size() != 1) {
                throw new IllegalArgumentException("coophub.platforms: exactly one platform must have scope "
                        + scope + ", found " + (names.isEmpty() ? "none" : names.stream().sorted().toList()));
            }
        }
    }

    private static void checkCredentials(String name, PlatformProperties platform) {
        if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("coophub.platforms." + name
                    + ": a platform name is 1-32 of a-z, 0-9 and '-', starting with a letter");
        }
        if (!platform.hasPassword() && platform.privateKey() == null) {
            throw new IllegalArgumentException("coophub.platforms." + name
                    + ": set private-key or password (password from the environment)");
        }
    }

    /**
     * The durations go to Camel and JSch in whole milliseconds, where 0 means "no timeout", "no keep-alive" or "poll
     * without pause", so each must be at least 1 ms. Checked here rather than with annotations so that the message
     * names the key as it is written (a field error would name {@code pollInterval}).
     */
    private static void checkDurations(String name, PlatformProperties platform) {
        String key = "coophub.platforms." + name + ".";
        checkDuration(key + "poll-interval", platform.pollInterval(), null);
        checkDuration(key + "connect-timeout", platform.connectTimeout(), INT_MILLIS);
        checkDuration(key + "server-alive-interval", platform.serverAliveInterval(), INT_MILLIS);
    }

    private static void checkDuration(String key, Duration value, Duration max) {
        if (value == null) {
            return; // reported by @NotNull
        }
        if (value.compareTo(ONE_MILLI) < 0) {
            throw new IllegalArgumentException(key + " must be at least 1ms, not " + value);
        }
        if (max != null && value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be at most " + max.toMillis()
                    + "ms (about 24 days: JSch takes it as an int of milliseconds), not " + value);
        }
    }

    /** The name of the platform that serves a scope. */
    public String platformFor(Scope scope) {
        return platforms.entrySet().stream()
                .filter(e -> e.getValue().scope() == scope)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    public PlatformProperties get(String name) {
        PlatformProperties platform = platforms.get(name);
        if (platform == null) {
            throw new IllegalArgumentException("no platform named " + name);
        }
        return platform;
    }
}
