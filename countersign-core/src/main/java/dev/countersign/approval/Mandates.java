package dev.countersign.approval;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may act as whose proxy, and when. The seam for delegations: the core asks, it never stores them.
 */
@FunctionalInterface
public interface Mandates {

    /** No delegations at all: nobody may act for anybody else. */
    Mandates NONE = (proxy, principal, at) -> false;

    /** Whether {@code proxy} holds a mandate, active at {@code at}, to decide in {@code principal}'s place. */
    boolean mayActFor(Email proxy, Email principal, Instant at);

    /**
     * Until when {@code proxy} may act for {@code principal}, as things stand at {@code at} (a revocation can still
     * end it sooner); empty when they may not. What a delegate is told next to the buttons they are offered.
     * A source that does not know when its mandates end answers {@link Instant#MAX} for every one it grants.
     */
    default Optional<Instant> until(Email proxy, Email principal, Instant at) {
        return mayActFor(proxy, principal, at) ? Optional.of(Instant.MAX) : Optional.empty();
    }

    /**
     * Everyone who may act for {@code principal} at {@code at} (never the principal): the people who must also be
     * asked whenever the principal is asked.
     */
    default Set<Email> proxiesFor(Email principal, Instant at) {
        return Set.of();
    }

    /**
     * Everyone who may act for any of {@code principals} at {@code at}, none of the principals among them: the
     * people to tell as well whenever those principals are told. One question, however many principals.
     */
    default Set<Email> proxiesForAny(Collection<Email> principals, Instant at) {
        Set<Email> proxies = new HashSet<>();
        principals.forEach(principal -> proxies.addAll(proxiesFor(principal, at)));
        proxies.removeAll(principals);
        return proxies;
    }

    /**
     * {@link #proxiesFor} for each of {@code principals} (every one of them a key, with no proxies as an empty set):
     * who else to ask on whose behalf, for a whole batch of messages at once.
     */
    default Map<Email, Set<Email>> proxiesOfEach(Collection<Email> principals, Instant at) {
        Map<Email, Set<Email>> proxies = new HashMap<>();
        principals.forEach(principal -> proxies.computeIfAbsent(principal, p -> proxiesFor(p, at)));
        return proxies;
    }

    /** Everyone {@code proxy} may act for at {@code at} (never the proxy): whose requests they may decide. */
    default Set<Email> principalsFor(Email proxy, Instant at) {
        return Set.of();
    }
}
