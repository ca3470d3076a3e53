package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.transaction.CannotCreateTransactionException;

class OutagesTest {

    @Test
    void theLedgerTheBrokerThePlatformOrADiskBeingUnavailableIsAnOutage() {
        assertThat(Outages.isOutage(new DataAccessResourceFailureException("ledger down"))).isTrue();
        assertThat(Outages.isOutage(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(Outages.isOutage(new UncategorizedJmsException("broker down"))).isTrue();
        assertThat(Outages.isOutage(new IllegalStateException("wrapped",
                new UncheckedIOException(new ConnectException("refused"))))).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(Outages.isOutage(new IllegalStateException("a case nobody foresaw"))).isFalse();
        assertThat(Outages.isOutage(new NullPointerException())).isFalse();
        assertThat(Outages.isOutage(null)).isFalse();
    }
}
