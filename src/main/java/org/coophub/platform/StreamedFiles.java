package org.coophub.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.camel.Exchange;
import org.coophub.privacy.PersonalData;

/**
 * A file an SFTP poll takes as the server's stream ({@code streamDownload}, stream caching off) rather than whole in
 * memory, as Camel does by default: at most a size limit of it is read into the body, so that a huge file a faulty
 * counterpart drops never fills the hub's memory, nor does so again after every restart while it lies there. Used by
 * the platform polls (routes/replies.yaml, routes/inbound.yaml) and a local system's SFTP outbox (routes/intake.yaml).
 */
public final class StreamedFiles {

    private final long maxBytes;
    private final String setting;

    /**
     * @param maxBytes the most of a file read into memory
     * @param setting  the setting the limit comes from, named in the errors
     */
    public StreamedFiles(long maxBytes, String setting) {
        this.maxBytes = maxBytes;
        this.setting = setting;
    }

    /** The file's size as its folder lists it when over the limit; null when within it. */
    public Long listedOverTheLimit(Exchange exchange) {
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        return length != null && length > maxBytes ? length : null;
    }

    /**
     * Reads the file's stream, which can be read once only, into the body: no further than one byte past the limit.
     * A file listed over the limit is not read at all; its caller refuses it unread. One that turns out longer than
     * the limit though listed within it is still being written: it fails, and is taken again at a later poll, listed
     * with its real size.
     *
     * @param input the file as the logs name it (masked here)
     */
    public void readIntoBody(Exchange exchange, String input) {
        if (listedOverTheLimit(exchange) != null) {
            return;
        }
        // not closed here: the stream is the SFTP consumer's, released before the file is moved (PlatformArchiving)
        InputStream stream = exchange.getMessage().getBody(InputStream.class);
        try {
            byte[] content = stream == null ? new byte[0]
                    : stream.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (content.length > maxBytes) {
                throw new IllegalStateException(PersonalData.maskText(input) + " was listed at "
                        + exchange.getMessage().getHeader(Exchange.FILE_LENGTH)
                        + " bytes but is longer than the limit of " + maxBytes + " (" + setting + "):"
                        + " still being written, to be taken at a later poll");
            }
            exchange.getMessage().setBody(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PersonalData.maskText(input), e);
        }
    }

    /** The refusal of a file listed over the limit, for the {@code size} rule. */
    public String oversized(long length) {
        return "the file is " + length + " bytes; the limit is " + maxBytes + " (" + setting + ")";
    }
}
