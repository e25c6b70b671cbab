package dev.countersign.cli;

/**
 * The CLI's exit codes, a contract with the scripts and pipelines that call it.
 *
 * <p>For commands that wait for a decision, {@link #SUCCESS} means "approved: go ahead"; for every other command
 * it means the command did what was asked.
 */
enum ExitCode {

    /** Approved (when waiting), or the command succeeded. */
    SUCCESS(0),
    /** The request was rejected. */
    REJECTED(1),
    /** The request expired or was cancelled, or the wait timed out while it was still pending. */
    NOT_APPROVED(2),
    /** The command line or the configuration is wrong; nothing was sent. */
    USAGE_ERROR(3),
    /** The server could not be reached, or it answered with an error. */
    SERVER_ERROR(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /**
     * What a caller waiting on a request should conclude from its state.
     *
     * <p>An urgent request is executable from the moment it is created (approvals are collected afterwards), so a
     * pending urgent request means "go ahead" just like an approved one.
     *
     * @param status the request's status as the API reports it
     * @param mode   the request's mode, {@code standard} or {@code urgent}
     */
    static ExitCode forOutcome(String status, String mode) {
        return switch (status == null ? "" : status) {
            case "approved" -> SUCCESS;
            case "rejected" -> REJECTED;
            case "expired", "cancelled" -> NOT_APPROVED;
            case "pending" -> "urgent".equals(mode) ? SUCCESS : NOT_APPROVED;
            default -> throw new CliFailure(SERVER_ERROR, "the server reported an unknown status '" + status + "'");
        };
    }

    /** Whether a caller waiting on a request in this state has its answer and can stop waiting. */
    static boolean isSettled(String status, String mode) {
        return !"pending".equals(status) || "urgent".equals(mode);
    }
}
