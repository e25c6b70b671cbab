package dev.countersign.approval;

/** Use case: the requester (or an administrator) withdraws a pending request. */
public final class CancelRequest {

    private final RequestChanges changes;

    public CancelRequest(RequestChanges changes) {
        this.changes = changes;
    }

    public ApprovalRequest cancel(RequestId id, Actor actor, String reason, Via via, Credential credential) {
        return changes.apply(id, credential, (request, now) -> request.cancel(actor, reason, via, now));
    }
}
