package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coophub.ledger.Direction;
import org.coophub.ledger.RequestState;
import org.coophub.simulator.PlatformCounterpart;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a newcomer sees on a first run: the simulated platforms answer, and send us requests of their own. */
class SimulatedCounterpartTest {

    @TempDir
    Path dir;

    @Test
    void theSimulatedPlatformsPlayTheOtherRegions() {
        try (Hub hub = Hub.start(dir, "coophub.simulator.counterpart.enabled=true",
                "coophub.simulator.counterpart.reply-delay=100ms", "coophub.simulator.counterpart.late-share=0",
                "coophub.simulator.counterpart.attachment-share=1", "coophub.simulator.counterpart.inbound-interval=0",
                "coophub.simulator.counterpart.seed=7")) {
            assertThat(hub.post("/api/requests", recordCheck("SIM-RT-1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);

            await().until(() -> hub.ledger().find("SIM-RT-1").orElseThrow().state() == RequestState.REPLIED);
            await().until(() -> Files.exists(hub.inbox().resolve("replies/SIM-RT-1.json")));
            assertThat(hub.ledger().find("SIM-RT-1").orElseThrow().reply().attachments()).hasSize(1);

            String inbound = hub.bean(PlatformCounterpart.class).sendInboundRequest("provincial");
            await().until(() -> Files.exists(hub.inbox().resolve("requests/" + inbound + ".json")));
            assertThat(hub.ledger().find(inbound).orElseThrow().direction()).isEqualTo(Direction.INBOUND);
            assertThat(hub.ledger().find(inbound).orElseThrow().platform()).isEqualTo("provincial");
        }
    }
}
