package org.coophub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ArchiveNamesTest {

    private final ArchiveNames names = new ArchiveNames(
            Clock.fixed(Instant.parse("2026-03-02T01:30:00.123Z"), ZoneId.of("Asia/Shanghai")));

    @Test
    void aStampIsTheHubsLocalTimeAndARandomPart() {
        String stamp = names.stamp();
        assertThat(stamp).matches("20260302-093000-123-[0-9a-f]{8}");
        // the same millisecond, another stamp
        assertThat(names.stamp()).isNotEqualTo(stamp);
    }

    @Test
    void theStampGoesBeforeTheLastExtension() {
        String stamp = "20260302-093000-123-5f3a9c1e";
        assertThat(ArchiveNames.archived("request.json", stamp)).isEqualTo("request.20260302-093000-123-5f3a9c1e.json");
        assertThat(ArchiveNames.archived("case.2026.json", stamp)).isEqualTo("case.2026.20260302-093000-123-5f3a9c1e.json");
        assertThat(ArchiveNames.archived("transcript", stamp)).isEqualTo("transcript.20260302-093000-123-5f3a9c1e");
        assertThat(ArchiveNames.archived(".json", stamp)).isEqualTo(".json.20260302-093000-123-5f3a9c1e");
    }
}
