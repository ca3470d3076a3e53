package org.coophub.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.coophub.ledger.Ledger;
import org.coophub.ledger.Unpublished;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformsProperties;
import org.coophub.request.Scope;
import org.coophub.support.LogCapture;
import org.junit.jupiter.api.Test;

class PublishRecoveryTest {

    private final Ledger ledger = mock(Ledger.class);

    @Test
    void aStartSaysWhichPlatformsGoneFromTheConfigurationStillHaveWorkWaiting() {
        when(ledger.unpublished(any())).thenReturn(List.of(new Unpublished("CY-1", "national"),
                new Unpublished("CY-2", "old-provincial")));
        when(ledger.unpublishedReplies(any())).thenReturn(List.of(new Unpublished("SH-1", "old-provincial")));
        PublishRecovery recovery = new PublishRecovery(ledger, mock(PublishQueue.class),
                Clock.fixed(Instant.parse("2026-03-02T01:00:00Z"), ZoneOffset.UTC),
                new PublishingProperties(Duration.ofMinutes(1), Duration.ofMinutes(1)),
                new PlatformsProperties(Map.of("national", platform(Scope.NATIONAL),
                        "provincial", platform(Scope.PROVINCIAL))));

        try (LogCapture log = LogCapture.of(PublishRecovery.class)) {
            recovery.onStart();
            assertThat(log.containing("platform old-provincial")).singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage()).startsWith("2 request(s) or reply(ies)"));
            assertThat(log.containing("platform national")).isEmpty();
        }
    }

    private static PlatformProperties platform(Scope scope) {
        return new PlatformProperties(scope, "localhost", 22, "coophub", null, Path.of("client_key"), null,
                Path.of("known_hosts"), new PlatformProperties.Folders("inbound", "replies", "requests", "our-replies"),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 2, 2, Duration.ofSeconds(30));
    }
}
