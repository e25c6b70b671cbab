package dev.countersign.approval;

/** The change does not fit the request's current state (already decided, already ended, not executable yet). */
public final class RequestStateConflict extends ApprovalException {

    public RequestStateConflict(String message) {
        super(message);
    }
}
