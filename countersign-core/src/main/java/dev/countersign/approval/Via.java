package dev.countersign.approval;

/**
 * The path a change came in by; recorded on every decision and audit event. {@code OVERRIDE} is an administrator
 * deciding in an approver's name with the bootstrap token: always shown as such, never as the approver's own vote.
 */
public enum Via {
    API,
    SLACK,
    WEB,
    LINK,
    SCHEDULER,
    OVERRIDE
}
