package org.coophub.platform;

/** How a failure reads on one line of a log, a ledger history or an alert. */
public final class Failures {

    private Failures() {
    }

    /**
     * Its message and each cause's, outermost first: "Cannot connect to sftp://..." alone leaves an operator to
     * guess between a network, a password and a changed host key, which only the innermost cause tells.
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown error";
        }
        Throwable root = failure;
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            text.append(" <- ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
        }
        return text.toString();
    }
}
