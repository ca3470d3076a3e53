package org.coophub.reporting;

import javax.sql.DataSource;
import org.coophub.support.TestPostgres;

class ReportingOnPostgresTest extends ReportingContract {

    @Override
    DataSource newDatabase() {
        return TestPostgres.newDatabase();
    }

    @Override
    String vendor() {
        return "postgresql";
    }
}
