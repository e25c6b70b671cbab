package dev.countersign.delegation;

import dev.countersign.approval.Email;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where delegations are kept. The start and the end of each delegation are announced once: the store claims
 * each announcement with a conditional write, so that two sweeps (on two instances) never both announce it.
 */
public interface Delegations {

    /** @param announceStart whether its start is announced by this insert (it starts now) */
    void add(Delegation delegation, boolean announceStart);

    /** Records the revocation, and that its end is announced now; false when another call revoked it first. */
    boolean revoke(Delegation revoked);

    /** Delegations that have started by {@code now}, are not over, and whose start nobody announced yet. */
    List<Delegation> startedUnannounced(Instant now, int limit);

    /** Delegations whose end has passed, that once started, and whose end nobody announced yet. */
    List<Delegation> endedUnannounced(Instant now, int limit);

    /** Claims the announcement of the start; false when another sweep did it first. */
    boolean markStartAnnounced(String id, Instant now);

    /** Claims the announcement of the end; false when another sweep (or the revocation) did it first. */
    boolean markEndAnnounced(String id, Instant now);

    Optional<Delegation> find(String id);

    DelegationQuery.Page search(DelegationQuery query);

    /**
     * Active delegations from any of {@code principals} at {@code at}: one indexed query, as it is asked on the
     * decision path.
     */
    List<Delegation> activeFrom(List<Email> principals, Instant at);

    /** Active delegations to any of {@code proxies} at {@code at}: one indexed query. */
    List<Delegation> activeTo(List<Email> proxies, Instant at);
}
