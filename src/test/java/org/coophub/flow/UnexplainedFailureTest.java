package org.coophub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coophub.support.PlatformSide.put;
import static org.coophub.support.PlatformSide.reply;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.coophub.support.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A platform file that keeps failing for no rule it breaks and no outage (a case nobody foresaw) is kept aside after
 * coophub.platform-files.max-attempts, with its last error as the reason; one that fails because the ledger is down
 * stays, however often. The failures are injected into the real polling route, just before it hands the file on.
 */
class UnexplainedFailureTest {

    @TempDir
    Path dir;

    @Test
    void aFileFailingForAnUnforeseenReasonIsKeptAsideAfterItsAttemptsButNotOneFailingForAnOutage() throws Exception {
        try (Hub hub = Hub.start(dir, "coophub.platforms.national.pollers=1",
                "coophub.platform-files.max-attempts=3")) {
            AtomicInteger unforeseen = new AtomicInteger();
            AtomicInteger outage = new AtomicInteger();
            AdviceWith.adviceWith(hub.bean(CamelContext.class), "poll-replies-national-1",
                    route -> route.weaveByToString(".*platformReplies.*").before().process(exchange -> {
                        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
                        if (name.startsWith("BUG-")) {
                            unforeseen.incrementAndGet();
                            throw new IllegalStateException("a case nobody foresaw");
                        }
                        if (name.startsWith("DOWN-")) {
                            outage.incrementAndGet();
                            throw new DataAccessResourceFailureException("the ledger is down");
                        }
                    }));
            Path replies = hub.platformFolder("national", "replies");
            put(replies, "BUG-1.json", reply("BUG-1", "FOUND", null, null));
            put(replies, "DOWN-1.json", reply("DOWN-1", "FOUND", null, null));

            await().until(() -> Files.exists(replies.resolve(".error/BUG-1.json")));
            assertThat(unforeseen).hasValue(3);
            assertThat(hub.ledger().rejectedInputs(10)).anySatisfy(refused -> assertThat(refused.toString())
                    .contains("BUG-1.json", "3 attempts", "IllegalStateException", "a case nobody foresaw"));

            await().until(() -> outage.get() >= 6);
            assertThat(replies.resolve("DOWN-1.json")).exists();
            assertThat(replies.resolve(".error/DOWN-1.json")).doesNotExist();
        }
    }
}
