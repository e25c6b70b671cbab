package dev.countersign.delegation;

/**
 * A delegation became active: its delegate must now be asked about what its delegator is asked. Published once per
 * delegation, inside the transaction that records the announcement, so that listeners write their follow-ups
 * atomically with it.
 */
public record DelegationStarted(Delegation delegation) {
}
