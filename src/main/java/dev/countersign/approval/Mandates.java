package dev.countersign.approval;

import java.time.Instant;
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
     * Everyone who may act for {@code principal} at {@code at} (never the principal): the people who must also be
     * asked whenever the principal is asked.
     */
    default Set<Email> proxiesFor(Email principal, Instant at) {
        return Set.of();
    }

    /** Everyone {@code proxy} may act for at {@code at} (never the proxy): whose requests they may decide. */
    default Set<Email> principalsFor(Email proxy, Instant at) {
        return Set.of();
    }
}
