package dev.countersign.delegation;

/**
 * A delegation stopped being usable (revoked, or its end passed): messages that offered its delegate buttons should
 * be redrawn. Published once per delegation, inside the transaction that records it.
 */
public record DelegationEnded(Delegation delegation) {
}
