package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.jcraft.jsch.JSchException;
import java.util.List;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.coophub.support.LogCapture;
import org.junit.jupiter.api.Test;

class PollFailureLogTest {

    private static final String ID_NUMBER = IdNumberFixtures.valid("110105", "19900307", "123");

    private final PollFailureLog log = new PollFailureLog();

    @Test
    void anOutageIsAWarningOnOneLineWithItsCauses() {
        try (LogCapture lines = LogCapture.of(PollFailureLog.class)) {
            log.handleException("Failed polling endpoint: sftp://localhost:2201/replies",
                    new GenericFileOperationFailedException("Cannot connect", new JSchException("HostKey has been changed")));

            List<ILoggingEvent> events = lines.containing("Failed polling endpoint");
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("Cannot connect <- JSchException: HostKey has been changed");
                assertThat(event.getThrowableProxy()).isNull();
            });
        }
    }

    @Test
    void theEndpointIsNamedWithoutItsOptions() {
        try (LogCapture lines = LogCapture.of(PollFailureLog.class)) {
            log.handleException("Failed polling endpoint: sftp://localhost:2201/replies?delay=1000&include=.*%5C.json"
                    + "&move=.done. Will try again at next poll", new JSchException("Connection refused"));

            assertThat(lines.containing("Failed polling endpoint")).singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage).isEqualTo("Failed polling endpoint:"
                            + " sftp://localhost:2201/replies. Will try again at next poll: Connection refused");
        }
    }

    @Test
    void aQuestionMarkOutsideAnEndpointIsKept() {
        assertThat(PollFailureLog.withoutOptions("Error during commit of what?.json at sftp://h:22/r?delay=1"))
                .isEqualTo("Error during commit of what?.json at sftp://h:22/r");
    }

    @Test
    void anythingElseIsAnErrorNamingItsTypeWithPersonalDataMasked() {
        try (LogCapture lines = LogCapture.of(PollFailureLog.class)) {
            log.handleException("Error during commit of statement-" + ID_NUMBER + ".json",
                    new IllegalStateException("cannot take " + ID_NUMBER));

            assertThat(lines.containing("Error during commit")).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("java.lang.IllegalStateException")
                        .contains(IdNumbers.mask(ID_NUMBER)).doesNotContain(ID_NUMBER);
                assertThat(event.getThrowableProxy()).isNull();
            });
        }
    }
}
