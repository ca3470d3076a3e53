package org.coophub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * A file from a local system's SFTP outbox comes as the server's stream: read once, never past the size limit, and
 * remembered by a key that needs no more than that.
 */
class LocalSystemIntakeTest {

    private static final int LIMIT = 16;

    private final LocalSystemIntake intake = new LocalSystemIntake(null, null, new IntakeProperties(Path.of("outbox"),
            Path.of("quarantine"), "in", "rejected", DataSize.ofBytes(LIMIT), 100), null);

    @Test
    void aFileWithinTheLimitIsReadIntoTheBodyAndRememberedByItsContent() {
        byte[] content = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        Exchange file = sftpFile((long) content.length, new ByteArrayInputStream(content));

        intake.fetchSftpFile(file);

        assertThat(file.getMessage().getBody()).isEqualTo(content);
        Exchange again = sftpFile((long) content.length, new ByteArrayInputStream(content));
        intake.fetchSftpFile(again);
        Exchange other = sftpFile((long) content.length, new ByteArrayInputStream("{\"a\": 2}".getBytes()));
        intake.fetchSftpFile(other);
        assertThat(intake.sftpFileKey(file)).startsWith("sftp-outbox/").isEqualTo(intake.sftpFileKey(again))
                .isNotEqualTo(intake.sftpFileKey(other));
    }

    @Test
    void aFileListedOverTheLimitIsNeverRead() {
        CountingStream stream = new CountingStream(LIMIT + 1);
        Exchange file = sftpFile(LIMIT + 1L, stream);

        intake.fetchSftpFile(file);
        String key = intake.sftpFileKey(file);

        assertThat(stream.read).isZero();
        assertThat(file.getMessage().getBody()).isSameAs(stream);
        assertThat(key).startsWith("sftp-outbox/oversized/");
        assertThat(intake.sftpFileKey(sftpFile(LIMIT + 2L, stream))).isNotEqualTo(key);
    }

    @Test
    void aFileLongerThanTheLimitThoughListedWithinItFailsReadNoFurtherThanOnePastTheLimit() {
        CountingStream stream = new CountingStream(1_000_000);
        Exchange file = sftpFile(10L, stream);

        assertThatThrownBy(() -> intake.fetchSftpFile(file)).isInstanceOf(IllegalStateException.class)
                .hasMessage("SFTP outbox cases:outbox/x.json was listed at 10 bytes but is longer than the limit of 16"
                        + " (coophub.intake.max-size): still being written, to be taken at a later poll");
        assertThat(stream.read).isEqualTo(LIMIT + 1);
    }

    private static Exchange sftpFile(Long listedLength, InputStream content) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Quarantine.INPUT_NAME, "SFTP outbox cases:outbox/x.json");
        exchange.getMessage().setHeader(Exchange.FILE_LENGTH, listedLength);
        exchange.getMessage().setHeader(Exchange.FILE_LAST_MODIFIED, 1_700_000_000_000L);
        exchange.getMessage().setBody(content);
        return exchange;
    }

    /** A stream of zeros of the given length that counts what was read of it. */
    private static final class CountingStream extends InputStream {

        private final long length;
        private long read;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read == length) {
                return -1;
            }
            read++;
            return 0;
        }
    }
}
