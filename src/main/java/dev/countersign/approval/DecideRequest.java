package dev.countersign.approval;

/** Use case: an approver (or their proxy) approves or rejects the current level of a request. */
public final class DecideRequest {

    private final RequestChanges changes;
    private final Mandates mandates;

    public DecideRequest(RequestChanges changes, Mandates mandates) {
        this.changes = changes;
        this.mandates = mandates;
    }

    /** @param onBehalfOf the approver the decider acts for as proxy, or {@code null} */
    public ApprovalRequest decide(RequestId id, Email approver, Email onBehalfOf, Verdict verdict, String reason,
                                  Via via) {
        return changes.apply(id, (request, now) ->
                request.decide(new Vote(approver, onBehalfOf, verdict, reason, via, now), mandates));
    }
}
