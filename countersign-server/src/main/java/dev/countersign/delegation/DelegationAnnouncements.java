package dev.countersign.delegation;

import dev.countersign.approval.Transactions;
import dev.countersign.schedule.DueWork;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Instant;

/**
 * The sweep's share for delegations: announces each delegation whose start has come ({@link DelegationStarted}) and
 * each whose end has passed ({@link DelegationEnded}), once. The announcement is claimed by a conditional update in
 * the transaction that publishes it, so a second sweep, here or on another instance, finds nothing left to do.
 */
final class DelegationAnnouncements implements DueWork {

    private static final int BATCH = 100;

    private final JdbcDelegations delegations;
    private final Transactions transactions;
    private final ApplicationEventPublisher events;

    DelegationAnnouncements(JdbcDelegations delegations, Transactions transactions,
                            ApplicationEventPublisher events) {
        this.delegations = delegations;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public String name() {
        return "delegation";
    }

    @Override
    public void runDue(Instant now) {
        for (Delegation started : delegations.startedUnannounced(now, BATCH)) {
            transactions.inTransaction(() -> {
                if (delegations.markStartAnnounced(started.id(), now)) {
                    events.publishEvent(new DelegationStarted(started));
                }
                return null;
            });
        }
        for (Delegation ended : delegations.endedUnannounced(now, BATCH)) {
            transactions.inTransaction(() -> {
                if (delegations.markEndAnnounced(ended.id(), now)) {
                    events.publishEvent(new DelegationEnded(ended));
                }
                return null;
            });
        }
    }
}
