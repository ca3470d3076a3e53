package org.coophub.ledger;

import javax.sql.DataSource;
import org.coophub.support.TestH2;

class LedgerOnH2Test extends LedgerContract {

    @Override
    DataSource newDatabase() {
        return TestH2.newDatabase();
    }

    @Override
    String vendor() {
        return "h2";
    }
}
