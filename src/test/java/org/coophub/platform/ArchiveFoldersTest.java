package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.coophub.request.Scope;
import org.coophub.simulator.PlatformSimulator;
import org.coophub.simulator.SimulatorProperties;
import org.coophub.support.Hub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real MINA SSHD server (the simulator), over real SFTP connections. */
class ArchiveFoldersTest {

    @TempDir
    Path dir;

    private PlatformSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void pollingRoutesThatShareAFolderCreateItsArchiveFoldersOnceWithoutTrippingOverEachOther() throws Exception {
        PlatformProperties national = platform(Hub.freePort());
        simulator = new PlatformSimulator(new SimulatorProperties(true, dir.resolve("platforms"), dir.resolve("keys"),
                false), Map.of("national", national));
        // several hubs' worth of routes at once: each its own ArchiveFolders, as if on separate machines
        List<Callable<Boolean>> routes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ArchiveFolders archives = new ArchiveFolders(platforms(national));
            routes.add(() -> archives.ensure("national", "replies"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(routes.size());
        try {
            for (Future<Boolean> ready : pool.invokeAll(routes)) {
                assertThat(ready.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        Path replies = simulator.root("national").resolve("replies");
        assertThat(replies.resolve(".done")).isDirectory();
        assertThat(replies.resolve(".error")).isDirectory();
    }

    @Test
    void aPlatformThatIsDownIsTriedAgainAfterAPollInterval() {
        PlatformProperties national = platform(Hub.freePort(), Duration.ofMillis(300));
        ArchiveFolders archives = new ArchiveFolders(platforms(national));

        assertThat(archives.ensure("national", "requests")).isFalse();

        simulator = new PlatformSimulator(new SimulatorProperties(true, dir.resolve("platforms"), dir.resolve("keys"),
                false), Map.of("national", national));
        long up = System.nanoTime();
        boolean atOnce = archives.ensure("national", "requests");
        if (System.nanoTime() - up < Duration.ofMillis(250).toNanos()) {
            assertThat(atOnce).as("tried again within the poll interval").isFalse();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> archives.ensure("national", "requests"));
        assertThat(simulator.root("national").resolve("requests/.done")).isDirectory();
        assertThat(simulator.root("national").resolve("requests/.error")).isDirectory();
    }

    /** A hub's platforms: the national one under test, and a provincial one the tests do not use. */
    private PlatformsProperties platforms(PlatformProperties national) {
        return new PlatformsProperties(Map.of("national", national, "provincial", platform(Scope.PROVINCIAL, 1)));
    }

    private PlatformProperties platform(int port) {
        return platform(Scope.NATIONAL, port, Duration.ofSeconds(30));
    }

    private PlatformProperties platform(int port, Duration pollInterval) {
        return platform(Scope.NATIONAL, port, pollInterval);
    }

    private PlatformProperties platform(Scope scope, int port) {
        return platform(scope, port, Duration.ofSeconds(30));
    }

    private PlatformProperties platform(Scope scope, int port, Duration pollInterval) {
        return new PlatformProperties(scope, "localhost", port, "coophub", null, dir.resolve("keys/client_key"),
                null, dir.resolve("keys/known_hosts"),
                new PlatformProperties.Folders("inbound", "replies", "requests", "our-replies"), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 2, 2, pollInterval);
    }
}
