package dev.countersign.approval;

import java.util.List;
import java.util.Optional;

/**
 * One rule about who may decide on a pending request, and how. Each says why it refuses, in words a person can act on.
 * {@link #STANDARD} is the order they are checked in: the first refusal wins.
 */
sealed interface DecisionPolicy {

    Optional<ApprovalException> refusal(ApprovalRequest request, Vote vote, Mandates mandates);

    List<DecisionPolicy> STANDARD = List.of(
            new RequesterCannotApproveOwnRequest(),
            new ProxyActsOnlyWithMandate(),
            new OnePersonDecidesOnOneLevel(),
            new OneVotePerApprover(),
            new OnlyCurrentLevelMayDecide(),
            new UrgentRequestCannotBeRejected());

    /** Self-approval defeats the point; that holds for a proxy who requested it, too. */
    record RequesterCannotApproveOwnRequest() implements DecisionPolicy {
        public Optional<ApprovalException> refusal(ApprovalRequest request, Vote vote, Mandates mandates) {
            Email requester = request.spec().requester();
            if (vote.approver().equals(requester) || vote.voter().equals(requester)) {
                return refuse(requester + " requested this and cannot decide on their own request");
            }
            return Optional.empty();
        }
    }

    record ProxyActsOnlyWithMandate() implements DecisionPolicy {
        public Optional<ApprovalException> refusal(ApprovalRequest request, Vote vote, Mandates mandates) {
            if (vote.byProxy() && !mandates.mayActFor(vote.approver(), vote.onBehalfOf(), vote.at())) {
                return refuse(vote.approver() + " has no active delegation from " + vote.onBehalfOf());
            }
            return Optional.empty();
        }
    }

    /** Separation of duties: a chain of N levels means N different people said yes. */
    record OnePersonDecidesOnOneLevel() implements DecisionPolicy {
        public Optional<ApprovalException> refusal(ApprovalRequest request, Vote vote, Mandates mandates) {
            return request.decisions().stream()
                    .filter(d -> d.voter().equals(vote.voter()) && d.level() < request.levelNumber())
                    .findFirst()
                    .map(d -> new DecisionNotAllowed(vote.voter() + " already decided on level " + d.level()
                            + "; one person's decision counts for one level only"));
        }
    }

    record OneVotePerApprover() implements DecisionPolicy {
        public Optional<ApprovalException> refusal(ApprovalRequest request, Vote vote, Mandates mandates) {
            return request.decisions().stream()
                    .filter(d -> d.voter().equals(vote.voter()) && d.level() == request.levelNumber())
                    .findFirst()
                    .map(d -> new RequestStateConflict(vote.voter() + " has already decided on level " + d.level()
                            + " (" + d.verdict().name().toLowerCase() + ")"));
        }
    }

    record OnlyCurrentLevelMayDecide() implements DecisionPolicy {
        public Optional<ApprovalException> refusal(ApprovalRequest request, Vote vote, Mandates mandates) {
            Email voter = vote.voter();
            int current = request.levelNumber();
            if (request.spec().levels().get(current - 1).lists(voter)) {
                return Optional.empty();
            }
            List<ApprovalLevel> levels = request.spec().levels();
            for (int i = current; i < levels.size(); i++) {
                if (levels.get(i).lists(voter)) {
                    return refuse(voter + " is an approver of level " + (i + 1) + ", which is asked only after level "
                            + current + " is done");
                }
            }
            for (int i = 0; i < current - 1; i++) {
                if (levels.get(i).lists(voter)) {
                    return refuse("level " + (i + 1) + " is already done; " + voter + " is not an approver of level "
                            + current + ", which is being asked now");
                }
            }
            return refuse(voter + " is not an approver of level " + current + " of this request");
        }
    }

    /**
     * An urgent request's work may run from the moment it is made, so a "no" would come too late to stop it: its
     * approvers approve it afterwards, or take the problem up with the requester.
     */
    record UrgentRequestCannotBeRejected() implements DecisionPolicy {
        public Optional<ApprovalException> refusal(ApprovalRequest request, Vote vote, Mandates mandates) {
            if (vote.verdict() == Verdict.REJECT && request.spec().mode() == Mode.URGENT) {
                return Optional.of(new InvalidApprovalRequest("urgent requests cannot be rejected: the work may "
                        + "already have run; approve it, or raise the problem with "
                        + request.spec().requester()));
            }
            return Optional.empty();
        }
    }

    private static Optional<ApprovalException> refuse(String why) {
        return Optional.of(new DecisionNotAllowed(why));
    }
}
