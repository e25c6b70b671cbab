package dev.countersign.delegation;

import dev.countersign.approval.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Use case: end a delegation before its time. From the moment it is stored the delegate's mandate is gone (the core
 * asks at decision time); {@link DelegationEnded} lets Slack take the buttons off the messages it gave them.
 */
public final class RevokeDelegation {

    private static final Logger log = LoggerFactory.getLogger(RevokeDelegation.class);

    private final JdbcDelegations delegations;
    private final Transactions transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RevokeDelegation(JdbcDelegations delegations, Transactions transactions, ApplicationEventPublisher events,
                     Clock clock) {
        this.delegations = delegations;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @throws DelegationNotFound for an unknown id
     * @throws DelegationConflict when it was revoked already or has ended
     */
    public Delegation revoke(String id, String by) {
        // Microseconds: what both databases store, so that what is returned is what is read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Delegation revoked = transactions.inTransaction(() -> {
            Delegation current = delegations.find(id).orElseThrow(() -> new DelegationNotFound(id));
            Delegation changed = current.revoke(by, now);
            if (!delegations.revoke(changed)) {
                Delegation winner = delegations.find(id).orElse(current);
                throw new DelegationConflict("delegation " + id + " was already revoked at " + winner.revokedAt()
                        + " by " + winner.revokedBy());
            }
            events.publishEvent(new DelegationEnded(changed));
            return changed;
        });
        log.info("Delegation {} ({} -> {}) revoked by {}", id, revoked.from(), revoked.to(), by);
        return revoked;
    }
}
