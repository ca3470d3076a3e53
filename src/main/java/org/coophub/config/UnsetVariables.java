package org.coophub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Stops the start when a setting names an environment variable that is not set ({@code host: ${COOPHUB_SMTP_HOST}}
 * with no default). Spring Boot would bind the text {@code ${COOPHUB_SMTP_HOST}} itself as the value, and the hub
 * would start and then fail at every mail or connection, far from the cause.
 */
public class UnsetVariables implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, String> unset = new TreeMap<>();
        List<PropertySource<?>> sources = environment.getPropertySources().stream()
                .filter(source -> !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source))
                .toList();
        for (PropertySource<?> source : sources) {
            if (!(source instanceof EnumerablePropertySource<?> settings) || isProcessEnvironment(source)) {
                continue;
            }
            for (String key : settings.getPropertyNames()) {
                if (settings.getProperty(key) instanceof CharSequence raw && raw.toString().contains("${")
                        && winner(sources, key) == source) {
                    unresolvable(environment, raw.toString()).ifPresent(problem -> unset.put(key, problem));
                }
            }
        }
        if (!unset.isEmpty()) {
            List<String> lines = new ArrayList<>();
            unset.forEach((key, problem) -> lines.add(key + ": " + problem));
            throw new IllegalStateException("Settings name environment variables that are not set; set them or give"
                    + " the setting a default (${NAME:default}):\n  " + String.join("\n  ", lines));
        }
    }

    /** The source whose value counts: an environment variable or a command-line argument overrides a file. */
    private static PropertySource<?> winner(List<PropertySource<?>> sources, String key) {
        return sources.stream().filter(source -> source.containsProperty(key)).findFirst().orElseThrow();
    }

    private static Optional<String> unresolvable(ConfigurableEnvironment environment, String raw) {
        try {
            environment.resolveRequiredPlaceholders(raw);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static boolean isProcessEnvironment(PropertySource<?> source) {
        return source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                || source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    }
}
