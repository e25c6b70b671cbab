package dev.countersign.approval;

import java.util.List;

/** Use case: a request nobody finished deciding in time ends. The scheduler calls it. */
public final class ExpireRequest {

    private final RequestChanges changes;

    public ExpireRequest(RequestChanges changes) {
        this.changes = changes;
    }

    public ApprovalRequest expire(RequestId id) {
        return changes.apply(id, Credential.system(), (request, now) -> request.expire(now));
    }

    /**
     * Expires those of the requests that are due, together: the ones that are not (decided meanwhile, not yet due
     * by the core's clock, unknown) are left as they are. Returns the requests expired.
     */
    public List<ApprovalRequest> expireAll(List<RequestId> ids) {
        return changes.applyAll(ids, Credential.system(), (request, now) -> request.expire(now));
    }
}
