package dev.countersign.delegation;

import dev.countersign.approval.Email;
import dev.countersign.approval.Transactions;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Use case: set up a delegation. One that starts now is announced in the same transaction ({@link DelegationStarted}
 * to the {@link DelegationFollowUps}), so its delegate is asked about what is already pending; one that starts later
 * is announced by the sweep ({@link AnnounceDelegations}).
 */
public final class CreateDelegation {

    private static final System.Logger log = System.getLogger(CreateDelegation.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Delegations delegations;
    private final Transactions transactions;
    private final DelegationFollowUps followUps;
    private final Clock clock;

    public CreateDelegation(
            Delegations delegations, Transactions transactions, DelegationFollowUps followUps, Clock clock) {
        this.delegations = delegations;
        this.transactions = transactions;
        this.followUps = followUps;
        this.clock = clock;
    }

    /**
     * @param startsAt {@code null} for now
     * @param by       who sets it up, for the record
     * @throws InvalidDelegation when it breaks a rule
     */
    public Delegation create(Email from, Email to, Instant startsAt, Instant endsAt, String reason, String by) {
        // Microseconds: what both databases store, so that what is returned is what is read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Delegation delegation = Delegation.create(newId(), from, to, micros(startsAt), micros(endsAt), reason, by, now);
        boolean startsNow = delegation.activeAt(now);
        transactions.inTransaction(() -> {
            delegations.add(delegation, startsNow);
            if (startsNow) {
                followUps.record(new DelegationStarted(delegation));
            }
            return null;
        });
        log.log(
                Level.INFO,
                () -> "Delegation " + delegation.id() + " created by " + by + ": " + from + " -> " + to + " from "
                        + delegation.startsAt() + " until " + delegation.endsAt());
        return delegation;
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
