package org.coophub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.coophub.alerts.AlertsProperties;
import org.coophub.delivery.DeliveryProperties;
import org.coophub.intake.IntakeProperties;
import org.coophub.replies.RepliesProperties;
import org.coophub.reporting.ReportingProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RouteSettingsTest {

    private static final Binder NOTHING_CONFIGURED = new Binder(new MapConfigurationPropertySource());

    @Test
    void everySettingTheRoutesReadHasItsDefault() throws IOException {
        assertThat(defaults().keySet()).containsAll(placeholdersInRoutes());
    }

    @Test
    void theDefaultsAreThoseOfTheSettings() {
        assertThat(defaults()).containsEntry("coophub.intake.outbox", "data/local/outbox")
                .containsEntry("coophub.intake.poll-delay-millis", 1000L)
                .containsEntry("coophub.delivery.consumers", 4)
                .containsEntry("coophub.replies.outbox", "data/local/outbox/replies")
                .containsEntry("coophub.alerts.mail.from", "coophub@localhost");
    }

    @Test
    void aConfiguredValueWinsAndAKeyLeftOutTakesItsDefault() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("config/application.yaml",
                Map.of("coophub.intake.outbox", "/srv/outbox")));

        new RouteSettings(environment, bind("coophub.intake", IntakeProperties.class),
                bind("coophub.delivery", DeliveryProperties.class), bind("coophub.replies", RepliesProperties.class),
                bind("coophub.reporting", ReportingProperties.class),
                bind("coophub.alerts.mail", AlertsProperties.class));

        assertThat(environment.getProperty("coophub.intake.outbox")).isEqualTo("/srv/outbox");
        assertThat(environment.getProperty("coophub.delivery.requests-topic")).isEqualTo("coophub.inbound-requests");
    }

    private static Map<String, Object> defaults() {
        return RouteSettings.values(bind("coophub.intake", IntakeProperties.class),
                bind("coophub.delivery", DeliveryProperties.class), bind("coophub.replies", RepliesProperties.class),
                bind("coophub.reporting", ReportingProperties.class),
                bind("coophub.alerts.mail", AlertsProperties.class));
    }

    private static <T> T bind(String prefix, Class<T> type) {
        return NOTHING_CONFIGURED.bindOrCreate(prefix, type);
    }

    private static Set<String> placeholdersInRoutes() throws IOException {
        Set<String> keys = new TreeSet<>();
        Pattern placeholder = Pattern.compile("\\{\\{(coophub\\.[^}:]+)}}");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Matcher matcher = placeholder.matcher(Files.readString(file));
                while (matcher.find()) {
                    keys.add(matcher.group(1));
                }
            }
        }
        assertThat(keys).isNotEmpty();
        return keys;
    }
}
