package dev.countersign.approval;

import java.time.Instant;
import java.util.List;

/**
 * The aggregate's transitions, for tests outside the core's package that need a request in a given state without
 * the use cases and their ports (a renderer test, a storage contract). In the application only the core's use
 * cases reach them, which is why {@link ApprovalRequest} keeps them package-private; this class lives with the
 * tests and never ships.
 */
public final class Transitions {

    private Transitions() {}

    public static ApprovalRequest.Submission submit(RequestId id, RequestSpec spec, Via via, Instant now) {
        return ApprovalRequest.submit(id, spec, via, now);
    }

    public static List<ApprovalEvent> decide(ApprovalRequest request, Vote vote, Mandates mandates) {
        return request.decide(vote, mandates);
    }

    public static List<ApprovalEvent> cancel(
            ApprovalRequest request, Actor actor, String reason, Via via, Instant now) {
        return request.cancel(actor, reason, via, now);
    }

    public static List<ApprovalEvent> expire(ApprovalRequest request, Instant now) {
        return request.expire(now);
    }

    public static List<ApprovalEvent> recordExecution(ApprovalRequest request, Email executor, Via via, Instant now) {
        return request.recordExecution(executor, via, now);
    }
}
