package org.coophub.replies;

import java.util.List;
import org.apache.camel.Exchange;
import org.coophub.ledger.Ledger;
import org.coophub.platform.PlatformArchiving;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps aside a file from a platform that cannot be taken (called by routes/error-policy.yaml): the reason goes to
 * the ledger and the log, the file (and any attachments it named) to the {@code .error} folder beside it, and the
 * poll goes on with the next file.
 */
@Component("platformRejects")
public class PlatformRejects {

    private static final Logger log = LoggerFactory.getLogger(PlatformRejects.class);

    private final Ledger ledger;
    private final PlatformReplies replies;

    public PlatformRejects(Ledger ledger, PlatformReplies replies) {
        this.ledger = ledger;
        this.replies = replies;
    }

    @SuppressWarnings("unchecked")
    public void keepAside(Exchange exchange) {
        String platform = exchange.getProperty(PlatformReplies.SOURCE, String.class);
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        String folder = exchange.getProperty("coophubFolder", String.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = PersonalData.maskText(String.valueOf(failure.getMessage())).replace('\n', ' ');
        ledger.recordRejectedInput("PLATFORM", platform + ":" + folder + "/" + file, reason);
        // only once the ledger has the reason: should that fail, the file stays and is tried again
        exchange.setProperty(PlatformArchiving.KEPT_ASIDE, true);
        replies.moveAttachments(platform, exchange.getProperty(PlatformReplies.ATTACHMENTS, List.class), ".error");
        log.warn("Kept aside {}:{}/{} (moved to {}/.error): {}", platform, folder, file, folder, reason);
    }
}
