package org.coophub.replies;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.coophub.platform.Failures;
import org.coophub.ledger.Ledger;
import org.coophub.platform.Outages;
import org.coophub.platform.PlatformArchiving;
import org.coophub.platform.PlatformFilesProperties;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps aside a file from a platform that cannot be taken (called by routes/error-policy.yaml): the reason goes to
 * the ledger and the log, the file (and those of its attachments that hold the bytes it declares) to the
 * {@code .error} folder beside it, and the poll goes on with the next file. The map of unexplained failures is in
 * memory: a restart gives a file its attempts anew, which only delays keeping it aside.
 */
@Component("platformRejects")
public class PlatformRejects {

    private static final Logger log = LoggerFactory.getLogger(PlatformRejects.class);

    private final Ledger ledger;
    private final PlatformReplies replies;
    private final int maxAttempts;
    private final Map<String, Integer> unexplainedFailures = Collections.synchronizedMap(new FailureCounts());

    public PlatformRejects(Ledger ledger, PlatformReplies replies, PlatformFilesProperties files) {
        this.ledger = ledger;
        this.replies = replies;
        this.maxAttempts = files.maxAttempts();
    }

    /** A file that breaks a rule: kept aside at once. */
    public void keepAside(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        keepAside(exchange, PersonalData.maskText(String.valueOf(failure.getMessage())).replace('\n', ' '));
    }

    /**
     * A file that failed otherwise. An outage says nothing about the file: it stays and is taken again after a poll
     * interval (PlatformArchiving), however long the outage lasts. Any other failure may be the file's doing in a
     * way no rule foresaw; after {@code coophub.platform-files.max-attempts} of them it is kept aside with the last
     * one as its reason, so that it is not tried for ever and someone looks at it.
     */
    public void failed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (Outages.isOutage(failure)) {
            return;
        }
        // a new file of the same name starts afresh, as the poll's idempotent key does
        String key = place(exchange, exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class)) + "@"
                + exchange.getMessage().getHeader(Exchange.FILE_LENGTH) + "/"
                + exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED);
        int attempts = unexplainedFailures.merge(key, 1, Integer::sum);
        String error = failure == null ? "unknown error"
                : failure.getClass().getSimpleName() + ": " + Failures.describe(failure);
        if (attempts < maxAttempts) {
            log.warn("{} failed unexpectedly (attempt {} of {}): {}", where(exchange), attempts, maxAttempts,
                    PersonalData.maskText(error));
            return;
        }
        unexplainedFailures.remove(key);
        keepAside(exchange, "could not be taken in " + attempts + " attempts, for no rule it breaks and no outage;"
                + " last error: " + PersonalData.maskText(error).replace('\n', ' '));
    }

    @SuppressWarnings("unchecked")
    private void keepAside(Exchange exchange, String reason) {
        String platform = exchange.getProperty(PlatformReplies.SOURCE, String.class);
        String folder = exchange.getProperty("coophubFolder", String.class);
        ledger.recordRejectedInput("PLATFORM", where(exchange), reason);
        // only once the ledger has the reason: should that fail, the file stays and is tried again
        exchange.setProperty(PlatformArchiving.KEPT_ASIDE, true);
        replies.keepAsideOwnAttachments(platform, exchange.getProperty(PlatformReplies.ATTACHMENTS, List.class),
                where(exchange));
        log.warn("Kept aside {} (moved to {}/.error): {}", where(exchange), folder, reason);
    }

    /** platform:folder/file, the file's name masked: a platform may name a file after the person it is about. */
    private static String where(Exchange exchange) {
        return place(exchange, PersonalData.maskText(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class)));
    }

    private static String place(Exchange exchange, String fileName) {
        return exchange.getProperty(PlatformReplies.SOURCE, String.class) + ":"
                + exchange.getProperty("coophubFolder", String.class) + "/" + fileName;
    }

    /**
     * The counts of the files that failed most recently (a file that failed unexpectedly and then went through is
     * never removed, so the least recently failed go first).
     */
    private static final class FailureCounts extends LinkedHashMap<String, Integer> {

        private static final int KEPT = 10_000;

        FailureCounts() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > KEPT;
        }
    }
}
