package org.coophub.platform;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the platform polls have taken, in the ledger database ({@code #platformPolls}), so that a file seen again,
 * also after a restart, is not taken twice. A file's key is added only once it has been handled
 * ({@code idempotentEager=false}), so removing it after a failure has nothing to undo; Camel removes it all the
 * same, outside any error handling. With the database down that removal would throw, and the file would stay
 * marked "in progress", never taken again until a restart. Here it is logged and ignored.
 */
@Component("platformPolls")
public class TakenFiles extends JdbcMessageIdRepository {

    private static final Logger log = LoggerFactory.getLogger(TakenFiles.class);

    public TakenFiles(DataSource dataSource) {
        super(dataSource, "platform-polls");
        setCreateTableIfNotExists(false);
    }

    @Override
    public boolean remove(String key) {
        try {
            return super.remove(key);
        } catch (RuntimeException e) {
            log.debug("Could not forget {} after a failure (it was not recorded): {}", key, e.getMessage());
            return false;
        }
    }
}
