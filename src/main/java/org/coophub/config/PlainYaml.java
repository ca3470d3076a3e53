package org.coophub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the small YAML files administrators edit (duty roster, holiday calendar) as maps, lists and strings only.
 *
 * <p>YAML 1.1 guesses types from plain scalars: an unquoted {@code 2026-10-01} becomes a {@code java.util.Date} at
 * UTC midnight and an unquoted {@code 12:30} the sexagesimal integer 750. Administrators should not have to know
 * that, so every scalar stays text (only {@code ~} and an empty value mean "none") and each file parses its own
 * dates and times. Duplicate keys are refused: the second {@code MONDAY:} would otherwise silently win.
 */
public final class PlainYaml {

    private PlainYaml() {
    }

    /** The document: a {@code Map}, {@code List}, {@code String} or {@code null}. */
    public static Object load(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new TextOnlyResolver());
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return yaml.load(reader);
        }
    }

    private static final class TextOnlyResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
