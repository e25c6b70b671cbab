package dev.countersign.delegation;

import dev.countersign.approval.Email;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where delegations are kept. */
public interface Delegations {

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
