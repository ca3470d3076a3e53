package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.Requests.SHANGHAI_XUHUI;
import static org.coophub.support.Requests.recordCheck;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.coophub.ledger.RequestState;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request is answered 202 only once it is stored: while it cannot be, the caller is told to send it again. */
class StorageOutageTest {

    @TempDir
    Path dir;

    @Test
    void whileTheLedgerCannotBeWrittenARequestIsNotAcceptedAndIsAcceptedWhenSentAgainAfter() {
        try (Hub hub = Hub.start(dir)) {
            hub.executeSql("ALTER TABLE cooperation_request RENAME TO cooperation_request_away");
            HttpResponse<String> refused = hub.post("/api/requests", recordCheck("OUT-1", SHANGHAI_XUHUI));
            // a missing table is no outage that passes by itself (Outages): 500, not 503
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("\"rule\":\"unavailable\"",
                    "not accepted: the ledger could not store it; send it again later");

            hub.executeSql("ALTER TABLE cooperation_request_away RENAME TO cooperation_request");
            assertThat(hub.ledger().find("OUT-1")).isEmpty();
            HttpResponse<String> accepted = hub.post("/api/requests", recordCheck("OUT-1", SHANGHAI_XUHUI));
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.body()).contains("\"duplicate\":false");
            await().until(() -> hub.ledger().find("OUT-1").orElseThrow().state() == RequestState.PUBLISHED);
            assertThat(hub.inbound("national").resolve("OUT-1.json")).exists();
        }
    }

    @Test
    void whileTheBrokerRefusesARequestItIsAnswered503AndPublishedOnceSentAgainAfter() {
        // the recovery sweep at once, instead of every minute for what is a minute old (see below)
        try (Hub hub = Hub.start(dir, "coophub.publishing.recovery-interval=200ms",
                "coophub.publishing.recovery-grace=0s")) {
            // a request that stays on the national queue, retried while the platform is down
            hub.simulator().stop("national");
            assertThat(hub.post("/api/requests", recordCheck("OUT-B1", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            await().until(() -> hub.ledger().find("OUT-B1").orElseThrow().publishAttempts() >= 1);
            // and a queue full with it: the broker refuses the next message
            var addresses = hub.bean(EmbeddedActiveMQ.class).getActiveMQServer().getAddressSettingsRepository();
            addresses.addMatch("coophub.publish.national", new AddressSettings().setMaxSizeBytes(1)
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));

            HttpResponse<String> refused = hub.post("/api/requests", recordCheck("OUT-B2", SHANGHAI_XUHUI));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("\"rule\":\"unavailable\"",
                    "not accepted: the broker could not store it for now; send it again later");

            addresses.removeMatch("coophub.publish.national");
            // refused at the send, the ledger rolled back: accepted now. Refused at the broker's commit, which follows
            // the ledger's: a duplicate now, and the recovery sweep queues it
            assertThat(hub.post("/api/requests", recordCheck("OUT-B2", SHANGHAI_XUHUI)).statusCode()).isEqualTo(202);
            hub.simulator().start("national");
            for (String id : new String[] {"OUT-B1", "OUT-B2"}) {
                await().until(() -> hub.ledger().find(id).orElseThrow().state() == RequestState.PUBLISHED);
                assertThat(hub.inbound("national").resolve(id + ".json")).exists();
            }
        }
    }
}
