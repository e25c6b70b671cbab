package dev.countersign.approval;

/** Use case: a request nobody finished deciding in time ends. The scheduler that calls it comes later. */
public final class ExpireRequest {

    private final RequestChanges changes;

    public ExpireRequest(RequestChanges changes) {
        this.changes = changes;
    }

    public ApprovalRequest expire(RequestId id) {
        return changes.apply(id, (request, now) -> request.expire(now));
    }
}
