package org.coophub.publishing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.coophub.platform.PlatformProperties;
import org.coophub.platform.PlatformsProperties;
import org.coophub.platform.SftpConnection;
import org.springframework.stereotype.Component;

/**
 * Creates the publish routes from the template in routes/publishing.yaml: for every configured platform,
 * {@code publishers} routes ({@code publish-<platform>-<n>}), each with its own SFTP session, since one
 * session transfers one file at a time.
 */
@Component
public class PublishRoutes implements RouteTemplateParameterSource {

    static final String TEMPLATE = "publish-to-platform";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    public PublishRoutes(PlatformsProperties platforms) {
        platforms.platforms().forEach((name, platform) -> {
            for (int n = 1; n <= platform.publishers(); n++) {
                routes.put("publish-" + name + "-" + n, parameters(name, platform));
            }
        });
    }

    private static Map<String, Object> parameters(String name, PlatformProperties platform) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(TEMPLATE_ID, TEMPLATE);
        parameters.put("platform", name);
        parameters.put("queue", PublishQueue.queueOf(name));
        parameters.put("server", platform.host() + ":" + platform.port());
        parameters.put("folder", platform.folders().inbound());
        parameters.put("connection", SftpConnection.connectionOptions(platform));
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
