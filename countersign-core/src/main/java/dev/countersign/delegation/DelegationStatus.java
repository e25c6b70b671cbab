package dev.countersign.delegation;

/** Where a delegation stands at a given moment. */
public enum DelegationStatus {
    /** Starts later. */
    SCHEDULED,
    /** The delegate may decide for the delegator now. */
    ACTIVE,
    /** Its end has passed. */
    ENDED,
    /** Ended early, by someone's decision. */
    REVOKED
}
