package dev.countersign.delegation;

import dev.countersign.approval.Transactions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Use case: end a delegation before its time. From the moment it is stored the delegate's mandate is gone (the core
 * asks at decision time); {@link DelegationEnded}, recorded in the same transaction, lets Slack take the buttons off
 * the messages it gave them.
 */
public final class RevokeDelegation {

    private static final System.Logger log = System.getLogger(RevokeDelegation.class.getName());

    private final Delegations delegations;
    private final Transactions transactions;
    private final DelegationFollowUps followUps;
    private final Clock clock;

    public RevokeDelegation(
            Delegations delegations, Transactions transactions, DelegationFollowUps followUps, Clock clock) {
        this.delegations = delegations;
        this.transactions = transactions;
        this.followUps = followUps;
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
            followUps.record(new DelegationEnded(changed));
            return changed;
        });
        log.log(
                Level.INFO,
                () -> "Delegation " + id + " (" + revoked.from() + " -> " + revoked.to() + ") revoked by " + by);
        return revoked;
    }
}
