package dev.countersign.approval;

/** Use case: an approver (or their proxy) approves or rejects the current level of a request. */
public final class DecideRequest {

    private final RequestChanges changes;
    private final ApprovalRequests requests;
    private final Mandates mandates;

    public DecideRequest(RequestChanges changes, ApprovalRequests requests, Mandates mandates) {
        this.changes = changes;
        this.requests = requests;
        this.mandates = mandates;
    }

    /**
     * Checks, without deciding, that this person could cast this kind of vote now; see
     * {@link ApprovalRequest#checkVote}. Used before asking someone for a reason they could not use.
     *
     * @return the request as it is now
     * @throws ApprovalException saying why not
     */
    public ApprovalRequest check(RequestId id, Email approver, Email onBehalfOf, Verdict verdict, Via via) {
        ApprovalRequest request = requests.find(id).orElseThrow(() -> new RequestNotFound(id.value()));
        request.checkVote(new Vote(approver, onBehalfOf, verdict, null, via, changes.now()), mandates);
        return request;
    }

    /** @param onBehalfOf the approver the decider acts for as proxy, or {@code null} */
    public ApprovalRequest decide(RequestId id, Email approver, Email onBehalfOf, Verdict verdict, String reason,
                                  Via via) {
        return changes.apply(id, (request, now) ->
                request.decide(new Vote(approver, onBehalfOf, verdict, reason, via, now), mandates));
    }
}
