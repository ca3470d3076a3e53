package org.coophub.platform;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The rules every configured {@link SftpAccount} must meet, checked when the settings are bound, with messages that
 * name the key as it is written.
 */
public final class SftpAccountRules {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Duration ONE_MILLI = Duration.ofMillis(1);
    private static final Duration INT_MILLIS = Duration.ofMillis(Integer.MAX_VALUE);

    private SftpAccountRules() {
    }

    /**
     * An account's name goes into route ids, logs and the ledger, so it is plain.
     *
     * @param key  where the account is configured, e.g. {@code coophub.platforms.national}
     * @param what what the name is, e.g. {@code a platform name}
     */
    public static void checkName(String key, String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(key + ": " + what + " is 1-32 of a-z, 0-9 and '-', starting with a letter");
        }
    }

    /**
     * Checked here rather than with annotations so that each message names the key as it is written (a missing
     * value's field error would name {@code coophub.intake.sftpOutboxes[cases].host}).
     *
     * @param key where the account is configured, e.g. {@code coophub.platforms.national}
     */
    public static void check(String key, SftpAccount account) {
        require(key + ".host", account.host());
        require(key + ".username", account.username());
        if (account.knownHosts() == null) {
            throw new IllegalArgumentException(key + ".known-hosts must be set: host keys are checked against it only");
        }
        if (!account.hasPassword() && account.privateKey() == null) {
            throw new IllegalArgumentException(key + ": set private-key or password (password from the environment)");
        }
        checkDurations(key + ".", account);
    }

    /** @param key the key as it is written, e.g. {@code coophub.platforms.national.host} */
    public static void require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be set");
        }
    }

    /**
     * The durations go to Camel and JSch in whole milliseconds, where 0 means "no timeout", "no keep-alive" or "poll
     * without pause", so each must be at least 1 ms.
     */
    private static void checkDurations(String key, SftpAccount account) {
        checkDuration(key + "poll-interval", account.pollInterval(), null);
        checkDuration(key + "connect-timeout", account.connectTimeout(), INT_MILLIS);
        checkDuration(key + "server-alive-interval", account.serverAliveInterval(), INT_MILLIS);
    }

    private static void checkDuration(String key, Duration value, Duration max) {
        if (value == null) {
            return; // reported by @NotNull
        }
        if (value.compareTo(ONE_MILLI) < 0) {
            throw new IllegalArgumentException(key + " must be at least 1ms, not " + value);
        }
        if (max != null && value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be at most " + max.toMillis()
                    + "ms (about 24 days: JSch takes it as an int of milliseconds), not " + value);
        }
    }
}
