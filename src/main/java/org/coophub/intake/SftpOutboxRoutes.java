package org.coophub.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.coophub.platform.SftpConnection;
import org.springframework.stereotype.Component;

/**
 * Creates {@code intake-from-sftp-outbox-<name>} from the template in routes/intake.yaml for every local system's
 * SFTP outbox in {@code coophub.intake.sftp-outboxes}, as {@link org.coophub.platform.PlatformRoutes} does for the
 * platforms.
 */
@Component
public class SftpOutboxRoutes implements RouteTemplateParameterSource {

    private static final String ROUTE_ID_PREFIX = "intake-from-sftp-outbox-";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    public SftpOutboxRoutes(SftpOutboxesProperties outboxes) {
        new TreeMap<>(outboxes.sftpOutboxes()).forEach((name, outbox) -> {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put(TEMPLATE_ID, "intake-from-sftp-outbox");
            parameters.put("outbox", name);
            parameters.put("server", SftpConnection.server(outbox));
            parameters.put("folder", outbox.folder());
            parameters.put("connection", SftpConnection.connectionOptions(outbox));
            parameters.put("pollDelay", outbox.pollInterval().toMillis());
            routes.put(routeId(name), parameters);
        });
    }

    /** The id of the route polling the SFTP outbox of this name. */
    public static String routeId(String outbox) {
        return ROUTE_ID_PREFIX + outbox;
    }

    /** The name of the SFTP outbox a route polls; null for another route. */
    static String outboxOf(String routeId) {
        return routeId != null && routeId.startsWith(ROUTE_ID_PREFIX) ? routeId.substring(ROUTE_ID_PREFIX.length()) : null;
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
