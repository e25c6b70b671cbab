package dev.countersign.delegation;

import dev.countersign.approval.Email;
import dev.countersign.approval.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Use case: set up a delegation. One that starts now is announced in the same transaction ({@link DelegationStarted}),
 * so its delegate is asked about what is already pending; one that starts later is announced by the sweep.
 */
public final class CreateDelegation {

    private static final Logger log = LoggerFactory.getLogger(CreateDelegation.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcDelegations delegations;
    private final Transactions transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CreateDelegation(JdbcDelegations delegations, Transactions transactions, ApplicationEventPublisher events,
                     Clock clock) {
        this.delegations = delegations;
        this.transactions = transactions;
        this.events = events;
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
        Delegation delegation = Delegation.create(newId(), from, to, micros(startsAt), micros(endsAt), reason, by,
                now);
        boolean startsNow = delegation.activeAt(now);
        transactions.inTransaction(() -> {
            delegations.add(delegation, startsNow);
            if (startsNow) {
                events.publishEvent(new DelegationStarted(delegation));
            }
            return null;
        });
        log.info("Delegation {} created by {}: {} -> {} from {} until {}", delegation.id(), by, from, to,
                delegation.startsAt(), delegation.endsAt());
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
