package org.coophub.reporting;

import javax.sql.DataSource;
import org.coophub.support.TestH2;

class ReportingOnH2Test extends ReportingContract {

    @Override
    DataSource newDatabase() {
        return TestH2.newDatabase();
    }

    @Override
    String vendor() {
        return "h2";
    }
}
