package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.coophub.support.TestH2;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class TakenFilesTest {

    private static final String KEY = "national/replies/R-1.json-120-1767225600000";

    /** A file is remembered with the record its poll made, or not at all. */
    @Test
    void aFileIsRememberedInTheTransactionOfItsRecord() {
        DataSource ledger = TestH2.newDatabase();
        Flyway.configure().dataSource(ledger)
                .locations("classpath:db/migration/h2", "classpath:db/migration/common").load().migrate();
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(ledger));
        TakenFiles taken = new TakenFiles(ledger);
        taken.start();
        try {
            transaction.executeWithoutResult(status -> {
                taken.rememberWith(KEY);
                status.setRollbackOnly();
            });
            assertThat(taken.contains(KEY)).as("remembered though its record rolled back").isFalse();

            transaction.executeWithoutResult(status -> taken.rememberWith(KEY));
            assertThat(taken.contains(KEY)).isTrue();
            assertThat(taken.add(KEY)).as("Camel's own add after the exchange").isFalse();

            transaction.executeWithoutResult(status -> taken.rememberWith(null));
        } finally {
            taken.stop();
        }
    }

    /** Camel forgets a failed file's key outside any error handling: the database being down must not throw there. */
    @Test
    void forgettingAKeyWithTheDatabaseDownIsLoggedNotThrown() {
        DataSource ledger = TestH2.newDatabase();
        Flyway.configure().dataSource(ledger)
                .locations("classpath:db/migration/h2", "classpath:db/migration/common").load().migrate();
        AtomicBoolean down = new AtomicBoolean();
        DataSource flaky = new DelegatingDataSource(ledger) {
            @Override
            public Connection getConnection() throws SQLException {
                if (down.get()) {
                    throw new SQLException("the ledger database is down");
                }
                return super.getConnection();
            }
        };
        TakenFiles taken = new TakenFiles(flaky);
        taken.start();
        try {
            assertThat(taken.add(KEY)).isTrue();
            assertThat(taken.contains(KEY)).isTrue();

            down.set(true);
            assertThat(taken.remove(KEY)).isFalse();
            assertThatThrownBy(() -> taken.add("national/replies/R-2.json-120-1767225600000"))
                    .as("recording a taken file still fails loudly").hasRootCauseMessage("the ledger database is down");

            down.set(false);
            assertThat(taken.remove(KEY)).isTrue();
        } finally {
            taken.stop();
        }
    }
}
