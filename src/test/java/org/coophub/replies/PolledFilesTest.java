package org.coophub.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.coophub.intake.IntakeProperties;
import org.coophub.intake.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A file a platform poll takes comes as the server's stream: read into the body within the limit, else refused. */
class PolledFilesTest {

    private final PolledFiles files = new PolledFiles(new IntakeProperties(Path.of("outbox"), Path.of("quarantine"),
            "in", "rejected", DataSize.ofBytes(16), 100));

    @Test
    void aFileWithinTheLimitIsReadIntoTheBody() {
        byte[] content = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        Exchange file = polled((long) content.length, new ByteArrayInputStream(content));

        files.fetch(file, "reply");

        assertThat(file.getMessage().getBody()).isEqualTo(content);
    }

    @Test
    void aFileListedOverTheLimitIsRefusedUnreadUnderTheSizeRule() {
        ByteArrayInputStream stream = new ByteArrayInputStream(new byte[17]);
        Exchange file = polled(17L, stream);

        assertThatThrownBy(() -> files.fetch(file, "reply")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("invalid reply, 1 error:\n  (document): the file is 17 bytes; the limit is 16"
                        + " (coophub.intake.max-size) [size]");
        assertThat(stream.available()).isEqualTo(17);
    }

    private static Exchange polled(Long listedLength, InputStream content) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(PlatformReplies.SOURCE, "national");
        exchange.setProperty("coophubFolder", "replies");
        exchange.getMessage().setHeader(Exchange.FILE_NAME, "x.json");
        exchange.getMessage().setHeader(Exchange.FILE_LENGTH, listedLength);
        exchange.getMessage().setBody(content);
        return exchange;
    }
}
