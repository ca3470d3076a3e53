package org.coophub.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jms.JmsException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure comes from something the hub depends on being unavailable for a while (the ledger database,
 * the broker, the platform's SFTP server, a disk) rather than from the file being handled. Such a failure says
 * nothing about the file, which is taken again later however often it happens. The database refusing a value
 * (too long, a character it cannot store) is not an outage: it would refuse it again every time.
 */
public final class Outages {

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isUnavailable(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(Throwable cause) {
        return cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                || cause instanceof RecoverableDataAccessException || cause instanceof CannotCreateTransactionException
                || cause instanceof TransactionSystemException
                || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof JmsException || cause instanceof JMSException
                || cause instanceof JSchException || cause instanceof SftpException
                || cause instanceof GenericFileOperationFailedException
                // a disk or a connection failing (a full or read-only disk, an I/O error, a permission taken away);
                // not a file that is missing or in the way, nor a document that does not parse
                || (cause instanceof IOException && !(cause instanceof NoSuchFileException)
                        && !(cause instanceof FileAlreadyExistsException) && !(cause instanceof NotDirectoryException)
                        && !(cause instanceof JsonProcessingException));
    }
}
