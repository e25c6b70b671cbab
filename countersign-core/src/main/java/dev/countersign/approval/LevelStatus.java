package dev.countersign.approval;

/** Where one level of the chain stands; derived from the request's decisions, never stored. */
public enum LevelStatus {
    /** An earlier level is not done yet: nobody here has been asked. */
    WAITING,
    /** This is the current level: its approvers are being asked. */
    PENDING,
    APPROVED,
    REJECTED,
    /** The request ended (cancelled or expired) before this level was satisfied. */
    CLOSED
}
