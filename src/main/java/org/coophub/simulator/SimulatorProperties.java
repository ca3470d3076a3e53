package org.coophub.simulator;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform simulator ({@code coophub.simulator.*}): local SFTP servers standing in for the
 * cooperation platforms, so the default profile runs without a real platform.
 *
 * @param enabled start one SFTP server per configured platform (default false)
 * @param root    where each platform's files live: {@code <root>/<platform>/}
 * @param keys    where the simulator keeps its host keys ({@code <keys>/<platform>-host.key})
 */
@Validated
@ConfigurationProperties("coophub.simulator")
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue("data/platforms") Path root,
        @NotNull @DefaultValue("data/simulator") Path keys,
        /** force each uploaded file to disk, as a real platform would on its own disk */
        @DefaultValue("false") boolean syncOnClose) {
}
