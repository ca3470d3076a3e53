package org.coophub.platform;

import java.util.Map;

/** Configured SFTP accounts, each by the key it is configured under (e.g. {@code coophub.platforms.national}). */
public interface SftpAccounts {

    Map<String, SftpAccount> sftpAccounts();
}
