package org.coophub.simulator;

import java.nio.file.Path;
import org.coophub.support.Hub;

/** The two platforms of config/application.yaml, on free ports, with keys and files under one test folder. */
final class SimulatedPlatforms {

    private SimulatedPlatforms() {
    }

    static String[] properties(Path dir) {
        return new String[] {
            "coophub.simulator.root=" + dir.resolve("platforms"),
            "coophub.simulator.keys=" + dir.resolve("keys"),
            "coophub.platforms.national.scope=NATIONAL", "coophub.platforms.national.host=localhost",
            "coophub.platforms.national.port=" + Hub.freePort(), "coophub.platforms.national.username=coophub",
            "coophub.platforms.national.private-key=" + dir.resolve("keys/client_key"),
            "coophub.platforms.national.known-hosts=" + dir.resolve("keys/known_hosts"),
            "coophub.platforms.provincial.scope=PROVINCIAL", "coophub.platforms.provincial.host=localhost",
            "coophub.platforms.provincial.port=" + Hub.freePort(), "coophub.platforms.provincial.username=coophub",
            "coophub.platforms.provincial.private-key=" + dir.resolve("keys/client_key"),
            "coophub.platforms.provincial.known-hosts=" + dir.resolve("keys/known_hosts")};
    }
}
