package org.coophub.operations;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformsProperties;
import org.springframework.stereotype.Component;

/**
 * Whether each platform's SFTP server answers, probed at most once per {@code coophub.operations.probe-cache}: health
 * endpoints are called often (probes, monitoring, people) and each call must not open a connection to a platform that
 * other administrations run. Concurrent calls for one platform wait for one probe rather than each starting one.
 */
@Component
public class PlatformReachability {

    record Reachability(boolean reachable, String detail, Instant checkedAt) {
    }

    private final PlatformsProperties platforms;
    private final OperationsProperties settings;
    private final Map<String, Reachability> cache = new ConcurrentHashMap<>();

    public PlatformReachability(PlatformsProperties platforms, OperationsProperties settings) {
        this.platforms = platforms;
        this.settings = settings;
    }

    Reachability check(String platform) {
        Instant now = Instant.now(); // wall clock: the Clock bean is business time, moved by tests
        return cache.compute(platform, (name, cached) -> cached != null
                && !now.isAfter(cached.checkedAt().plus(settings.probeCache())) ? cached : probe(name, now));
    }

    private Reachability probe(String name, Instant now) {
        PlatformProperties platform = platforms.get(name);
        SshBannerProbe.Result result = SshBannerProbe.probe(platform.host(), platform.port(), settings.probeTimeout());
        return new Reachability(result.reachable(), result.detail(), now);
    }
}
