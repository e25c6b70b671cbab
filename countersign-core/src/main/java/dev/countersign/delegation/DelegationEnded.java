package dev.countersign.delegation;

/**
 * A delegation stopped being usable (revoked, or its end passed): messages that offered its delegate buttons should
 * be redrawn. Recorded once per delegation, inside the transaction that records it ({@link DelegationFollowUps}).
 */
public record DelegationEnded(Delegation delegation) {}
