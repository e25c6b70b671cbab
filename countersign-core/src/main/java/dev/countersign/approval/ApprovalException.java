package dev.countersign.approval;

/** A change the rules refuse. Adapters map each kind to their own answer (HTTP 4xx, an ephemeral Slack reply). */
public abstract sealed class ApprovalException extends RuntimeException
        permits InvalidApprovalRequest, DecisionNotAllowed, RequestStateConflict, RequestNotFound {

    protected ApprovalException(String message) {
        super(message, null, false, false);
    }
}
