package dev.countersign.approval;

import dev.countersign.approval.ApprovalRequests.ConcurrentRequestChange;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * The one way a stored request changes: load it, apply a transition, store it and its audit entries in one
 * transaction, then publish the events. Two people deciding at the same moment both load version N; one stores
 * N+1, the other is told of the conflict, reloads and has the rules judge its decision against the new state.
 * That is what makes a double click, or two approvers of a 1-of-2 level, end in exactly one transition.
 * Follow-ups (notifications, and the announcement of the change to the rest of the application) are written in the
 * change's transaction: a change that rolls back leaves none, and the adapter delivers the announcement only after
 * commit.
 */
public final class RequestChanges {

    /**
     * Each lost attempt means another change to the request was stored. The most that can land at once is every
     * approver of a full level deciding at the same moment: that many attempts, and some to spare, are enough.
     */
    private static final int ATTEMPTS = ApprovalLevel.MAX_APPROVERS + 14;

    private final ApprovalRequests requests;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final FollowUps followUps;
    private final Clock clock;

    public RequestChanges(
            ApprovalRequests requests, AuditTrail audit, Transactions transactions, FollowUps followUps, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.transactions = transactions;
        this.followUps = followUps;
        this.clock = clock;
    }

    /** Now, at the precision every store keeps (microseconds), so a stored request reads back equal. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    ApprovalRequest apply(
            RequestId id, Credential credential, BiFunction<ApprovalRequest, Instant, List<ApprovalEvent>> transition) {
        for (int attempt = 1; ; attempt++) {
            try {
                record Changed(ApprovalRequest request, List<ApprovalEvent> events) {}
                Changed changed = transactions.inTransaction(() -> {
                    ApprovalRequest request = requests.find(id).orElseThrow(() -> new RequestNotFound(id.value()));
                    List<ApprovalEvent> events = transition.apply(request, now());
                    requests.update(request);
                    audit.append(events, credential);
                    followUps.record(request, events);
                    return new Changed(request, events);
                });
                return changed.request();
            } catch (ConcurrentRequestChange e) {
                if (attempt == ATTEMPTS) {
                    throw new RequestStateConflict("the request kept changing while this change was made; retry");
                }
                pauseBeforeRetry(attempt);
            }
        }
    }

    /** A short random pause, so that contenders who just collided do not collide again in lockstep. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(Math.min(attempt, 10) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestStateConflict("interrupted while retrying a change to a busy request; retry");
        }
    }

    /**
     * The same transition for many requests, in one transaction: one load, one batch of updates, audit entries and
     * follow-ups written together, so that a sweep over thousands of requests costs a few statements per batch
     * rather than a dozen per request. Requests the transition refuses (an {@link ApprovalException}) are left as
     * they are and not returned. Should any of them change meanwhile, the batch rolls back and each request is
     * changed on its own, with {@link #apply}'s retries.
     */
    List<ApprovalRequest> applyAll(
            List<RequestId> ids,
            Credential credential,
            BiFunction<ApprovalRequest, Instant, List<ApprovalEvent>> transition) {
        List<RequestChanged> changed;
        try {
            changed = transactions.inTransaction(() -> {
                Instant now = now();
                List<RequestChanged> changes = new ArrayList<>();
                for (ApprovalRequest request : requests.findAll(ids)) {
                    try {
                        changes.add(new RequestChanged(request, transition.apply(request, now)));
                    } catch (ApprovalException refused) {
                        // Not for this one (decided meanwhile, not due): the others go ahead.
                    }
                }
                requests.updateAll(changes.stream().map(RequestChanged::request).toList());
                audit.append(
                        changes.stream()
                                .flatMap(change -> change.events().stream())
                                .toList(),
                        credential);
                followUps.recordAll(changes);
                return changes;
            });
        } catch (ConcurrentRequestChange e) {
            return oneByOne(ids, credential, transition);
        }
        return changed.stream().map(RequestChanged::request).toList();
    }

    private List<ApprovalRequest> oneByOne(
            List<RequestId> ids,
            Credential credential,
            BiFunction<ApprovalRequest, Instant, List<ApprovalEvent>> transition) {
        List<ApprovalRequest> changed = new ArrayList<>();
        for (RequestId id : ids) {
            try {
                changed.add(apply(id, credential, transition));
            } catch (ApprovalException refused) {
                // As in the batch: this one is left as it is.
            }
        }
        return changed;
    }

    void add(ApprovalRequest.Submission submission, IdempotencyKey key, Credential credential) {
        transactions.inTransaction(() -> {
            requests.add(submission.request(), key);
            audit.append(submission.events(), credential);
            followUps.record(submission.request(), submission.events());
            return null;
        });
    }
}
