package org.coophub.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.coophub.publishing.PublishQueue;
import org.springframework.stereotype.Component;

/**
 * Creates the per-platform routes from the templates in routes/*.yaml, for every platform in
 * {@code coophub.platforms}:
 * <ul>
 * <li>{@code publish-<platform>-<n>} (n = 1..publishers, each its own SFTP session): our requests;</li>
 * <li>{@code publish-reply-<platform>}: our replies to requests from other regions;</li>
 * <li>{@code poll-replies-<platform>-<n>}: replies to our requests;</li>
 * <li>{@code poll-requests-<platform>-<n>}: requests from other regions to us.</li>
 * </ul>
 * The polling routes of a folder (n = 1..pollers, each its own SFTP session) share it by file name
 * ({@link PollShard}).
 */
@Component
public class PlatformRoutes implements RouteTemplateParameterSource {

    /** A platform folder that polling routes take files from. */
    public record PolledFolder(String platform, String folder) {
    }

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
    private final Map<String, PolledFolder> polled = new LinkedHashMap<>();

    public PlatformRoutes(PlatformsProperties platforms) {
        platforms.platforms().forEach((name, platform) -> {
            var folders = platform.folders();
            for (int n = 1; n <= platform.publishers(); n++) {
                add("publish-" + name + "-" + n, "publish-to-platform", name, platform, folders.inbound(),
                        PublishQueue.queueOf(name));
            }
            add("publish-reply-" + name, "publish-reply-to-platform", name, platform, folders.ourReplies(),
                    PublishQueue.replyQueueOf(name));
            for (int n = 1; n <= platform.pollers(); n++) {
                String shard = (n - 1) + ", " + platform.pollers();
                addPoll(pollRoute("replies", name, n), "poll-replies", name, platform, folders.replies(), shard);
                addPoll(pollRoute("requests", name, n), "poll-requests", name, platform, folders.requests(), shard);
            }
        });
    }

    /** The id of the n-th route polling a platform's {@code replies} or {@code requests} folder. */
    public static String pollRoute(String folder, String platform, int n) {
        return "poll-" + folder + "-" + platform + "-" + n;
    }

    /** The platform folder a polling route takes its files from; empty for other routes. */
    public Optional<PolledFolder> polledFolder(String routeId) {
        return Optional.ofNullable(polled.get(routeId));
    }

    private void addPoll(String routeId, String template, String name, PlatformProperties platform, String folder,
            String shard) {
        Map<String, Object> parameters = add(routeId, template, name, platform, folder, null);
        parameters.put("shard", shard);
        parameters.put("pollDelay", platform.pollInterval().toMillis());
        polled.put(routeId, new PolledFolder(name, folder));
    }

    private Map<String, Object> add(String routeId, String template, String name, PlatformProperties platform,
            String folder, String queue) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(TEMPLATE_ID, template);
        parameters.put("platform", name);
        parameters.put("server", SftpConnection.server(platform));
        parameters.put("folder", folder);
        parameters.put("connection", SftpConnection.connectionOptions(platform));
        if (queue != null) {
            parameters.put("queue", queue);
        }
        routes.put(routeId, parameters);
        return parameters;
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return routes.get(routeId);
    }

    @Override
    public Set<String> routeIds() {
        return routes.keySet();
    }
}
