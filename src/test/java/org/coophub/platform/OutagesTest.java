package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.transaction.CannotCreateTransactionException;

class OutagesTest {

    @Test
    void theLedgerTheBrokerThePlatformOrADiskBeingUnavailableIsAnOutage() {
        assertThat(Outages.isOutage(new DataAccessResourceFailureException("ledger down"))).isTrue();
        assertThat(Outages.isOutage(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(Outages.isOutage(new CannotAcquireLockException("row locked past the lock timeout"))).isTrue();
        assertThat(Outages.isOutage(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(Outages.isOutage(new UncategorizedJmsException("broker down"))).isTrue();
        assertThat(Outages.isOutage(new IllegalStateException("wrapped",
                new UncheckedIOException(new ConnectException("refused"))))).isTrue();
        assertThat(Outages.isOutage(new UncheckedIOException(
                new FileSystemException("inbox/replies/x.json", null, "No space left on device")))).isTrue();
        assertThat(Outages.isOutage(new UncheckedIOException(new AccessDeniedException("inbox/replies")))).isTrue();
    }

    @Test
    void theDatabaseRefusingAValueOrAFileThatIsMissingOrUnreadableIsNot() {
        assertThat(Outages.isOutage(new DataIntegrityViolationException("value too long for column"))).isFalse();
        assertThat(Outages.isOutage(new UncheckedIOException(new NoSuchFileException("statement.pdf")))).isFalse();
        assertThat(Outages.isOutage(new IllegalStateException(new JsonParseException(null, "unexpected")))).isFalse();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(Outages.isOutage(new IllegalStateException("a case nobody foresaw"))).isFalse();
        assertThat(Outages.isOutage(new NullPointerException())).isFalse();
        assertThat(Outages.isOutage(null)).isFalse();
    }
}
