package org.coophub.replies;

import java.util.List;
import org.apache.camel.Exchange;
import org.coophub.intake.FieldError;
import org.coophub.intake.IntakeProperties;
import org.coophub.intake.InvalidRequestException;
import org.coophub.platform.StreamedFiles;
import org.springframework.stereotype.Component;

/**
 * The content of a file the platform polls take (routes/replies.yaml, routes/inbound.yaml), read from the server's
 * stream into the body before the file is handled, at most {@code coophub.intake.max-size} of it: the limit of the
 * documents parsed from it. A reply or request a faulty counterpart made huge would otherwise be downloaded whole
 * first and could end the hub, again after every restart while it lies on the platform. One listed as larger is
 * refused unread under the {@code size} rule, and so kept aside in {@code .error} with its reason
 * ({@link PlatformRejects}).
 */
@Component("polledFiles")
public class PolledFiles {

    private final StreamedFiles files;

    PolledFiles(IntakeProperties intake) {
        this.files = new StreamedFiles(intake.maxSize().toBytes(), "coophub.intake.max-size");
    }

    /** @param what the kind of document the file holds, e.g. "reply", for the refusal */
    public void fetch(Exchange exchange, String what) {
        Long oversized = files.listedOverTheLimit(exchange);
        if (oversized != null) {
            throw new InvalidRequestException(what, List.of(new FieldError(FieldError.DOCUMENT, "size",
                    files.oversized(oversized))));
        }
        files.readIntoBody(exchange, exchange.getProperty(PlatformReplies.SOURCE, String.class) + ":"
                + exchange.getProperty("coophubFolder", String.class) + "/"
                + exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class));
    }
}
