package org.coophub.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds Camel {@code sftp:} endpoint URIs for an {@link SftpAccount} (a platform, a local system's outbox). Host
 * keys are always verified ({@code strictHostKeyChecking=yes} against the account's known_hosts file only); the
 * password is wrapped in {@code RAW(...)} and must never be logged: log {@link #redact(String)} instead.
 */
public final class SftpConnection {

    /** Options that decide host key checking; callers may not override them. */
    private static final Set<String> PROTECTED = Set.of("stricthostkeychecking", "knownhostsfile",
            "useuserknownhostsfile", "knownhosts", "knownhostsuri", "username", "password", "privatekeyfile",
            "privatekeypassphrase", "privatekey", "privatekeyuri");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._~/@:+-]*");
    private static final Pattern SECRET = Pattern.compile("(?i)((?:password|privateKeyPassphrase)=)(RAW\\(.*?\\)|RAW\\{.*?\\}|[^&]*)");

    private SftpConnection() {
    }

    /**
     * {@code sftp:<host>:<port>/<folder>?<connection options>[&<extraOptions>]}; {@code folder} is
     * relative to the login directory, {@code extraOptions} is a query string without a leading
     * {@code ?} and may not touch credentials or host key checking.
     */
    public static String uri(SftpAccount p, String folder, String extraOptions) {
        StringBuilder uri = new StringBuilder("sftp:").append(server(p));
        String path = folder == null ? "" : folder.strip().replaceFirst("^/+", "");
        if (!path.isEmpty()) {
            uri.append('/').append(path);
        }
        uri.append('?').append(connectionOptions(p));
        String extra = extraOptions == null ? "" : extraOptions.strip().replaceFirst("^[?&]+", "");
        if (!extra.isEmpty()) {
            for (String option : extra.split("&")) {
                String key = option.split("=", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (PROTECTED.contains(key)) {
                    throw new IllegalArgumentException("SFTP option " + option.split("=", 2)[0]
                            + " is set from the SFTP account's configuration and cannot be overridden");
                }
            }
            uri.append('&').append(extra);
        }
        return uri.toString();
    }

    /** {@code <host>:<port>}, an IPv6 address in brackets: the server part of an sftp: URI (and of route templates). */
    public static String server(SftpAccount p) {
        return host(p.host()) + ":" + p.port();
    }

    /**
     * The connection part of the query: credentials, host key checking (always strict, against the
     * account's known_hosts only) and timeouts.
     */
    public static String connectionOptions(SftpAccount p) {
        StringBuilder o = new StringBuilder();
        o.append("username=").append(value(p.username()));
        if (p.hasPassword()) {
            o.append("&password=").append(raw(p.password()));
        }
        if (p.privateKey() != null) {
            o.append("&privateKeyFile=").append(value(absolute(p.privateKey())));
            if (p.privateKeyPassphrase() != null && !p.privateKeyPassphrase().isEmpty()) {
                o.append("&privateKeyPassphrase=").append(raw(p.privateKeyPassphrase()));
            }
        }
        o.append("&knownHostsFile=").append(value(absolute(p.knownHosts())));
        o.append("&strictHostKeyChecking=yes&useUserKnownHostsFile=false");
        o.append("&connectTimeout=").append(p.connectTimeout().toMillis());
        o.append("&serverAliveInterval=").append(p.serverAliveInterval().toMillis());
        return o.toString();
    }

    /** The URI with password and key passphrase masked, for logs and messages. */
    public static String redact(String uri) {
        return uri == null ? null : SECRET.matcher(uri).replaceAll("$1xxxxxx");
    }

    private static String host(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /** Plain when safe in a Camel URI, else RAW(...). */
    private static String value(String value) {
        return PLAIN.matcher(value).matches() ? value : raw(value);
    }

    private static String raw(String value) {
        if (!value.contains(")")) {
            return "RAW(" + value + ")";
        }
        if (!value.contains("}")) {
            return "RAW{" + value + "}";
        }
        throw new IllegalArgumentException("a value containing both ')' and '}' cannot be passed to Camel");
    }
}
