package dev.countersign.approval;

/** This person may not make this change (not an approver of the current level, the requester, …). */
public final class DecisionNotAllowed extends ApprovalException {

    public DecisionNotAllowed(String message) {
        super(message);
    }
}
