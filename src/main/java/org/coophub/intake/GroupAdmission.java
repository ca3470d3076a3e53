package org.coophub.intake;

import org.coophub.ledger.Admission;
import org.coophub.ledger.GroupCommit;
import org.coophub.ledger.NewRequest;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the requests that arrive at the same moment in one unit of work ({@link GroupCommit}): one database and one
 * broker transaction for all of them instead of one each. (Should the broker's commit fail after the database's,
 * the group's requests are in the ledger without their messages: stored again on their own they are answered as
 * duplicates, and the publish recovery sweep queues them, as after a crash between the two commits.)
 */
final class GroupAdmission {

    /** Stores one request inside the transaction it is given (the group's, or its own). */
    interface Admitter {
        Admission admit(NewRequest entry, String reason);
    }

    private record Submitted(NewRequest entry, String reason) {
    }

    private final GroupCommit<Submitted, Admission> group;

    GroupAdmission(TransactionTemplate transaction, Admitter admitter) {
        this.group = new GroupCommit<>(transaction, submitted -> admitter.admit(submitted.entry(), submitted.reason()));
    }

    /** Returns once the request is stored (committed), or throws what storing it on its own threw. */
    Admission admit(NewRequest entry, String reason) {
        Submitted submitted = new Submitted(entry, reason);
        if (!TransactionSynchronizationManager.getResourceMap().isEmpty()) {
            // The caller is inside a transaction of its own (a transacted JMS listener, whose session the broker
            // send joins): its request is stored alone, so that no other caller's messages ride on a transaction
            // this class does not commit.
            return group.storeAlone(submitted);
        }
        return group.submit(submitted);
    }
}
