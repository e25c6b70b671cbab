package dev.countersign.approval;

/** Use case: an executor reports that the approved work ran. */
public final class RecordExecution {

    private final RequestChanges changes;

    public RecordExecution(RequestChanges changes) {
        this.changes = changes;
    }

    public ApprovalRequest record(RequestId id, Email executor, Via via, Credential credential) {
        return changes.apply(id, credential, (request, now) -> request.recordExecution(executor, via, now));
    }
}
