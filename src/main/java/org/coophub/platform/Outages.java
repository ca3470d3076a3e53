package org.coophub.platform;

import java.io.IOException;
import java.util.Set;
import org.apache.camel.component.file.GenericFileOperationFailedException;

/**
 * Whether a failure comes from something the hub depends on being unavailable (the ledger database, the broker,
 * the platform's SFTP server, a disk) rather than from the file being handled. Such a failure says nothing about
 * the file, which is simply taken again later however often it happens.
 */
public final class Outages {

    private static final Set<String> OUTAGE_TYPES = Set.of(
            "org.springframework.dao.DataAccessException",
            "org.springframework.transaction.TransactionException",
            "org.springframework.jms.JmsException",
            "jakarta.jms.JMSException",
            "java.sql.SQLException",
            "com.jcraft.jsch.JSchException",
            "com.jcraft.jsch.SftpException");

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException || cause instanceof GenericFileOperationFailedException
                    || isOneOf(cause.getClass())) {
                return true;
            }
        }
        return false;
    }

    // by name: the platform package does not depend on Spring's JDBC and JMS, nor on JSch, to tell them apart
    private static boolean isOneOf(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            if (OUTAGE_TYPES.contains(t.getName())) {
                return true;
            }
        }
        return false;
    }
}
