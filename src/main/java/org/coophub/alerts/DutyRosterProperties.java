package org.coophub.alerts;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Where the duty roster lives ({@code coophub.alerts.*}). */
@Validated
@ConfigurationProperties("coophub.alerts")
public record DutyRosterProperties(@NotNull @DefaultValue("config/duty-roster.yaml") Path roster) {
}
