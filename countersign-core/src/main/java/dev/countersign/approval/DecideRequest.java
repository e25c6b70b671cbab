package dev.countersign.approval;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * @param onBehalfOf the approver the decider acts for as proxy, or {@code null}
     * @param credential what the decider proved who they are with, for the audit trail
     */
    public ApprovalRequest decide(
            RequestId id,
            Email approver,
            Email onBehalfOf,
            Verdict verdict,
            String reason,
            Via via,
            Credential credential) {
        return changes.apply(
                id,
                credential,
                (request, now) -> request.decide(new Vote(approver, onBehalfOf, verdict, reason, via, now), mandates));
    }

    /**
     * A person decides without naming whom for: for themselves when they are asked on the current level, else for
     * the one approver still waiting there whose mandate they hold. Judged on the request as it is when the vote
     * is stored, so a level that moved on meanwhile is judged afresh.
     */
    public ApprovalRequest decideAsPerson(
            RequestId id, Email person, Verdict verdict, String reason, Via via, Credential credential) {
        return changes.apply(
                id,
                credential,
                (request, now) -> request.decide(
                        new Vote(person, principalFor(request, person, now), verdict, reason, via, now), mandates));
    }

    /**
     * Whom this person decides for on the request's current level when they name nobody: {@code null} for
     * themselves (they are asked there, or nobody they hold a mandate for is), or the one waiting approver whose
     * mandate they hold.
     *
     * @throws DecisionNotAllowed when they hold mandates from several waiting approvers: which one is theirs to say
     */
    public Email principalFor(ApprovalRequest request, Email person, Instant at) {
        int level = request.levelNumber();
        if (request.status() != Status.PENDING
                || request.eligibleApprovers(level).contains(person)) {
            return null;
        }
        List<Email> principals = request.undecidedApprovers(level).stream()
                .filter(approver -> mandates.mayActFor(person, approver, at))
                .toList();
        if (principals.size() > 1) {
            throw new DecisionNotAllowed("you hold delegations from "
                    + principals.stream().map(Email::value).collect(Collectors.joining(" and "))
                    + ", who are all asked on this level; say which one you "
                    + "decide for (onBehalfOf)");
        }
        return principals.isEmpty() ? null : principals.getFirst();
    }
}
