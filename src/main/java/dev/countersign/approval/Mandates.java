package dev.countersign.approval;

import java.time.Instant;

/**
 * Who may act as whose proxy, and when. The seam for delegations: the core asks, it never stores them.
 */
@FunctionalInterface
public interface Mandates {

    /** No delegations at all: nobody may act for anybody else. */
    Mandates NONE = (proxy, principal, at) -> false;

    boolean mayActFor(Email proxy, Email principal, Instant at);
}
