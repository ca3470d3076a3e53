package org.coophub.platform;

import jakarta.validation.Valid;
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
public record PlatformsProperties(@Valid @DefaultValue Map<String, PlatformProperties> platforms)
        implements SftpAccounts {

    public PlatformsProperties {
        platforms = Map.copyOf(platforms);
        platforms.forEach((name, platform) -> {
            String key = "coophub.platforms." + name;
            SftpAccountRules.checkName(key, name, "a platform name");
            SftpAccountRules.check(key, platform);
            if (platform.folders() != null) {
                FolderRules.check(key + ".folders", platform.folders());
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

    /** The name of the platform that serves a scope. */
    public String platformFor(Scope scope) {
        return platforms.entrySet().stream()
                .filter(e -> e.getValue().scope() == scope)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    @Override
    public Map<String, SftpAccount> sftpAccounts() {
        return platforms.entrySet().stream()
                .collect(Collectors.toMap(e -> "coophub.platforms." + e.getKey(), Map.Entry::getValue));
    }

    public PlatformProperties get(String name) {
        PlatformProperties platform = platforms.get(name);
        if (platform == null) {
            throw new IllegalArgumentException("no platform named " + name);
        }
        return platform;
    }
}
