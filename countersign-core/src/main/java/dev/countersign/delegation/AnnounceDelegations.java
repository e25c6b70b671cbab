package dev.countersign.delegation;

import dev.countersign.approval.Transactions;
import java.time.Instant;

/**
 * Use case, run by the sweep: announces each delegation whose start has come ({@link DelegationStarted}) and each
 * whose end has passed ({@link DelegationEnded}), once. The announcement is claimed by a conditional update in the
 * transaction that records its follow-ups, so a second sweep, here or on another instance, finds nothing left to do.
 */
public final class AnnounceDelegations {

    private static final int BATCH = 100;

    private final Delegations delegations;
    private final Transactions transactions;
    private final DelegationFollowUps followUps;

    public AnnounceDelegations(Delegations delegations, Transactions transactions, DelegationFollowUps followUps) {
        this.delegations = delegations;
        this.transactions = transactions;
        this.followUps = followUps;
    }

    public void announceDue(Instant now) {
        for (Delegation started : delegations.startedUnannounced(now, BATCH)) {
            transactions.inTransaction(() -> {
                if (delegations.markStartAnnounced(started.id(), now)) {
                    followUps.record(new DelegationStarted(started));
                }
                return null;
            });
        }
        for (Delegation ended : delegations.endedUnannounced(now, BATCH)) {
            transactions.inTransaction(() -> {
                if (delegations.markEndAnnounced(ended.id(), now)) {
                    followUps.record(new DelegationEnded(ended));
                }
                return null;
            });
        }
    }
}
