package dev.countersign.approval;

/** How approval relates to the work it guards. */
public enum Mode {
    /** The work may run only once every level has approved; one rejection ends the request. */
    STANDARD,
    /** Post-approval: the work may run at once; approvals are collected afterwards and cannot be refused. */
    URGENT
}
