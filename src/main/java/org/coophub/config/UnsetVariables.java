package org.coophub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
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

    /** A placeholder naming an environment variable; others (a Camel expression, say) are not this check's business. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, String> unset = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> settings) || isProcessEnvironment(source)
                    || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            for (String key : settings.getPropertyNames()) {
                if (settings.getProperty(key) instanceof CharSequence raw && raw.toString().contains("${")
                        && winner(environment, key) == source) {
                    List<String> missing = unsetVariables(environment, raw.toString());
                    if (!missing.isEmpty()) {
                        unset.put(key, String.join(", ", missing));
                    }
                }
            }
        }
        if (!unset.isEmpty()) {
            List<String> lines = new ArrayList<>();
            unset.forEach((key, variables) -> lines.add(key + ": " + variables + " not set"));
            throw new IllegalStateException("Settings name environment variables that are not set; set them or give"
                    + " the setting a default (${NAME:default}):\n  " + String.join("\n  ", lines));
        }
    }

    /**
     * The source whose value counts, matched as Spring Boot binds: an environment variable (COOPHUB_ALERTS_MAIL_ACKSECRET)
     * or a command-line argument overrides a file's key.
     */
    private static Object winner(ConfigurableEnvironment environment, String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getConfigurationProperty(name) != null) {
                return source.getUnderlyingSource();
            }
        }
        return null;
    }

    /** The variables the value names with no default and the environment lacks (the value itself is not repeated). */
    private static List<String> unsetVariables(ConfigurableEnvironment environment, String raw) {
        List<String> missing = new ArrayList<>();
        Matcher placeholder = VARIABLE.matcher(raw);
        while (placeholder.find()) {
            if (environment.getProperty(placeholder.group(1)) == null) {
                missing.add(placeholder.group(1));
            }
        }
        return missing;
    }

    private static boolean isProcessEnvironment(PropertySource<?> source) {
        return source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                || source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    }
}
