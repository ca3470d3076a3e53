package org.coophub.ledger;

import javax.sql.DataSource;
import org.coophub.support.TestPostgres;

class LedgerOnPostgresTest extends LedgerContract {

    @Override
    DataSource newDatabase() {
        return TestPostgres.newDatabase();
    }

    @Override
    String vendor() {
        return "postgresql";
    }
}
