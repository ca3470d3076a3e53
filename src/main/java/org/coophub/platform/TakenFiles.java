package org.coophub.platform;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the platform polls have taken, in the ledger database ({@code #platformPolls}), so that a file seen again,
 * also after a restart, is not taken twice. A file's key is added once it has been handled
 * ({@code idempotentEager=false}) or, for a file recorded in the ledger, with its record; Camel removes the key after
 * a failure, outside any error handling. Forgetting a recorded file is harmless: seen again, it is found in the
 * ledger and taken as one taken before. With the database down that removal would throw, and the file would stay
 * marked "in progress", never taken again until a restart. Here it is logged and ignored.
 *
 * <p>A file that a poll records in the ledger is remembered in the same transaction ({@link #rememberWith}): one
 * commit instead of two, each of which the embedded database writes to its file before going on. Camel's own add
 * after the exchange then finds the key there and adds nothing.
 */
@Component("platformPolls")
public class TakenFiles extends JdbcMessageIdRepository {

    private static final Logger log = LoggerFactory.getLogger(TakenFiles.class);

    public TakenFiles(DataSource dataSource) {
        super(dataSource, "platform-polls");
        setCreateTableIfNotExists(false);
    }

    /** The key the poll route gave the file ({@code coophubPollKey}), in the transaction of the caller's record. */
    public static final String POLL_KEY = "coophubPollKey";

    /**
     * Remembers the polled file under {@code key} (none: nothing to do) in the caller's transaction, so that its
     * record and its memory commit together.
     */
    public void rememberWith(String key) {
        if (key != null) {
            add(key);
        }
    }

    @Override
    public boolean remove(String key) {
        try {
            return super.remove(key);
        } catch (RuntimeException e) {
            log.debug("Could not forget {} after a failure: {}", key, e.getMessage());
            return false;
        }
    }
}
