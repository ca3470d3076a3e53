package org.coophub.platform;

import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the SFTP polls ({@code exceptionHandler=#pollFailureLog} in routes/replies.yaml, inbound.yaml and intake.yaml)
 * log when a poll, or moving a file after it, fails: one line with every cause (a warning for an outage, an error
 * naming the exception's type for anything else), the stack trace only at DEBUG, since its messages are unmasked.
 * Camel's own handler logs a stack trace of some sixty lines at every failed poll, which during a platform's outage
 * buries everything else in the log; the poll is tried again at the next interval either way.
 */
@Component("pollFailureLog")
public class PollFailureLog implements ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PollFailureLog.class);
    /** An endpoint URI's options in Camel's message, up to the space (or the sentence's full stop) after them. */
    private static final Pattern ENDPOINT_OPTIONS = Pattern.compile("(\\w+://[^?\\s]*)\\?\\S*?(\\.?)(\\s|$)");

    @Override
    public void handleException(Throwable failure) {
        handleException(null, null, failure);
    }

    @Override
    public void handleException(String message, Throwable failure) {
        handleException(message, null, failure);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable failure) {
        String what = PersonalData.maskText(message == null ? "SFTP poll failed" : withoutOptions(message));
        String why = PersonalData.maskText(Failures.describe(failure));
        if (Outages.isOutage(failure)) {
            log.warn("{}: {}", what, why);
        } else {
            // not something being away for a while: a fault to look into, named by its type
            log.error("{}: {}: {}", what, failure == null ? "?" : failure.getClass().getName(), why);
        }
        log.debug("{}", what, failure);
    }

    /**
     * Camel names the endpoint with its every option, some twenty of them, which pushes the cause off the screen;
     * the host and folder say which poll it was, and the options are in the route.
     */
    static String withoutOptions(String message) {
        return ENDPOINT_OPTIONS.matcher(message).replaceAll("$1$2$3");
    }
}
