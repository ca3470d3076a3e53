package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPausesTest {

    private static final long AN_HOUR = Duration.ofHours(1).toNanos();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PollPauses pauses = new PollPauses(meters);

    @Test
    void aPollThatFoundFilesButGotNowhereWithThemHoldsTheRouteBack() {
        pauses.pollStarting("poll-replies-national-1");
        pauses.pollEnded("poll-replies-national-1", 3);

        assertThat(pauses.paused("poll-replies-national-1", AN_HOUR)).isTrue();
        assertThat(pauses.paused("poll-replies-national-2", AN_HOUR)).isFalse();
        assertThat(pauses.paused("poll-replies-national-1", 0)).as("once the interval has passed").isFalse();
    }

    @Test
    void aPollThatTookOrKeptAsideAFileIsNotHeldBack() {
        pauses.pollStarting("poll-replies-national-1");
        pauses.fileDone("poll-replies-national-1");
        pauses.pollEnded("poll-replies-national-1", 3);

        assertThat(pauses.paused("poll-replies-national-1", AN_HOUR)).isFalse();
    }

    @Test
    void progressCountsForTheCurrentPollOnly() {
        pauses.pollStarting("poll-replies-national-1");
        pauses.fileDone("poll-replies-national-1");
        pauses.pollEnded("poll-replies-national-1", 1);
        pauses.pollStarting("poll-replies-national-1");
        pauses.pollEnded("poll-replies-national-1", 1);

        assertThat(pauses.paused("poll-replies-national-1", AN_HOUR)).isTrue();
    }

    @Test
    void anEmptyPollIsNotHeldBackButAFileLeftInPlaceIs() {
        pauses.pollStarting("poll-replies-national-1");
        pauses.pollEnded("poll-replies-national-1", 0);
        assertThat(pauses.paused("poll-replies-national-1", AN_HOUR)).isFalse();

        pauses.fileLeftInPlace("poll-replies-national-1");
        assertThat(pauses.paused("poll-replies-national-1", AN_HOUR)).isTrue();
        assertThat(meters.get("coophub.platform.files.left").tag("route", "poll-replies-national-1").counter().count())
                .isEqualTo(1.0);
    }
}
