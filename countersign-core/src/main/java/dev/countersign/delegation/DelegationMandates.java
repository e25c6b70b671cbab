package dev.countersign.delegation;

import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The approval core's {@link Mandates}, answered from the delegations active at the moment asked: a mandate holds
 * from the first instant of a delegation's window until just before its end, and not at all once it is revoked —
 * buttons sent earlier stop working at once because the core asks at decision time.
 *
 * <p>A chain A→B→C gives C a mandate for A only when {@code countersign.delegation.max-hops} is 2 or more: by default
 * a delegate cannot pass on what was delegated to them. Each hop is one query on {@code delegation_by_from}; with the
 * default of one hop, a question costs one query.
 */
public final class DelegationMandates implements Mandates {

    private final Delegations delegations;
    private final int maxHops;

    public DelegationMandates(Delegations delegations, int maxHops) {
        if (maxHops < 1) {
            throw new IllegalArgumentException("maxHops must be at least 1, was " + maxHops);
        }
        this.delegations = delegations;
        this.maxHops = maxHops;
    }

    @Override
    public boolean mayActFor(Email proxy, Email principal, Instant at) {
        return until(proxy, principal, at).isPresent();
    }

    @Override
    public Set<Email> proxiesFor(Email principal, Instant at) {
        return Set.copyOf(mandates(principal, at).keySet());
    }

    @Override
    public Set<Email> proxiesForAny(Collection<Email> principals, Instant at) {
        return Set.copyOf(walk(Set.copyOf(principals), at, delegations::activeFrom, Delegation::from, Delegation::to)
                .keySet());
    }

    /** With the default single hop, one query for all of them; through chains, one walk per principal. */
    @Override
    public Map<Email, Set<Email>> proxiesOfEach(Collection<Email> principals, Instant at) {
        if (maxHops > 1) {
            return Mandates.super.proxiesOfEach(principals, at);
        }
        Map<Email, Set<Email>> proxies = new HashMap<>();
        principals.forEach(principal -> proxies.put(principal, new HashSet<>()));
        for (Delegation d : delegations.activeFrom(List.copyOf(proxies.keySet()), at)) {
            Set<Email> theirs = proxies.get(d.from());
            if (theirs != null && !d.to().equals(d.from())) {
                theirs.add(d.to());
            }
        }
        proxies.replaceAll((principal, theirs) -> Set.copyOf(theirs));
        return proxies;
    }

    @Override
    public Set<Email> principalsFor(Email proxy, Instant at) {
        return Set.copyOf(walk(Set.of(proxy), at, delegations::activeTo, Delegation::to, Delegation::from)
                .keySet());
    }

    /** Through a chain, the mandate lasts as long as its shortest link. */
    @Override
    public Optional<Instant> until(Email proxy, Email principal, Instant at) {
        if (proxy.equals(principal)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mandates(principal, at).get(proxy));
    }

    /** Everyone who may act for the principal, each with the end of their longest-lasting mandate. */
    private Map<Email, Instant> mandates(Email principal, Instant at) {
        return walk(Set.of(principal), at, delegations::activeFrom, Delegation::from, Delegation::to);
    }

    /**
     * Follows active delegations from {@code starts} for at most {@link #maxHops} links, in one direction: from
     * principals to proxies, or back; one query per link, however many start. Each person reached (never one of
     * the starts) comes with the end of the longest-lasting chain.
     */
    private Map<Email, Instant> walk(
            Set<Email> starts,
            Instant at,
            BiFunction<List<Email>, Instant, List<Delegation>> links,
            Function<Delegation, Email> near,
            Function<Delegation, Email> far) {
        Map<Email, Instant> until = new HashMap<>();
        Map<Email, Instant> frontier = new HashMap<>();
        starts.forEach(start -> frontier.put(start, Instant.MAX));
        for (int hop = 0; hop < maxHops && !frontier.isEmpty(); hop++) {
            Map<Email, Instant> next = new HashMap<>();
            for (Delegation d : links.apply(List.copyOf(frontier.keySet()), at)) {
                Email reached = far.apply(d);
                if (starts.contains(reached)) {
                    continue;
                }
                Instant end = min(frontier.get(near.apply(d)), d.endsAt());
                Instant known = until.get(reached);
                if (known == null || end.isAfter(known)) {
                    until.put(reached, end);
                    next.put(reached, end);
                }
            }
            frontier.clear();
            frontier.putAll(next);
        }
        return until;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
