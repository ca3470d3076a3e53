package org.coophub.platform;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for a platform's folders ({@code coophub.platforms.<name>.folders.*}) and for a local system's SFTP
 * outbox ({@code coophub.intake.sftp-outboxes.<name>.folder}).
 *
 * <p>A folder goes as it is into Camel {@code sftp:} URIs ({@code sftp:{{server}}/{{folder}}?...} in routes/) and
 * into SFTP paths. There {@code ?}, {@code &}, {@code #}, {@code %}, {@code +}, {@code =}, braces or a space would
 * cut or change the URI, and {@code ..} or a leading {@code /} would leave the login directory. So a folder is a
 * relative path of plain ASCII names; none may start with a dot either, since {@code .done} and {@code .error} are
 * where the hub archives what it took.
 *
 * <p>The four folders must differ: each has one use, and with inbound equal to replies the hub would take the
 * requests it publishes for replies (and so on for every pair). They are compared ignoring case, as some SFTP
 * servers do.
 */
public final class FolderRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private FolderRules() {
    }

    /** @param key where the folders are configured, e.g. {@code coophub.platforms.national.folders} */
    static void check(String key, PlatformProperties.Folders folders) {
        Map<String, String> byName = new LinkedHashMap<>();
        byName.put("inbound", folders.inbound());
        byName.put("replies", folders.replies());
        byName.put("requests", folders.requests());
        byName.put("our-replies", folders.ourReplies());
        Map<String, String> seen = new HashMap<>();
        byName.forEach((name, folder) -> {
            if (folder == null) {
                return; // reported by @NotBlank
            }
            checkFolder(key + "." + name, folder);
            String earlier = seen.putIfAbsent(folder.toLowerCase(Locale.ROOT), name);
            if (earlier != null) {
                throw new IllegalArgumentException(key + "." + name + " must differ from " + key + "." + earlier
                        + " (both '" + folder + "'): each folder has one use");
            }
        });
    }

    /** @param key where the folder is configured, e.g. {@code coophub.intake.sftp-outboxes.cases.folder} */
    public static void checkFolder(String key, String folder) {
        if (!isPlainPath(folder)) {
            throw new IllegalArgumentException(key + " must be a relative path of names made of"
                    + " A-Z, a-z, 0-9, '.', '_' and '-', separated by '/', none starting with '.': '" + folder + "'");
        }
    }

    private static boolean isPlainPath(String folder) {
        for (String segment : folder.split("/", -1)) {
            if (!NAME.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
