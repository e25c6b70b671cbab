package dev.countersign.delegation;

/**
 * A delegation became active: its delegate must now be asked about what its delegator is asked. Recorded once per
 * delegation, inside the transaction that claims the announcement ({@link DelegationFollowUps}).
 */
public record DelegationStarted(Delegation delegation) {}
