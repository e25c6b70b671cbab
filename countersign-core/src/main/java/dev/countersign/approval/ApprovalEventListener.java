package dev.countersign.approval;

import java.util.List;

/**
 * Port: told what happened once it is committed (never inside the transaction), so that waiters are released and,
 * later, notifications go out.
 */
@FunctionalInterface
public interface ApprovalEventListener {

    void published(ApprovalRequest request, List<ApprovalEvent> events);
}
