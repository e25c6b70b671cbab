package dev.countersign.slack.store;

/** What a message posted about a request is, which decides how it is drawn again when the request moves on. */
public enum SlackMessageKind {
    /** The approval request in an approver's DM. */
    APPROVER_DM,
    /** The request posted to a channel; progress goes into its thread. */
    CHANNEL_POST,
    /** A progress line in the channel post's thread; never redrawn. */
    CHANNEL_PROGRESS,
    /** The decline notice to the requester. */
    REJECTED_DM,
    /** The approval-complete notice to the requester. */
    APPROVED_DM,
    /** The execution-available notice to an executor. */
    EXECUTABLE_DM,
    /** The notice that an approver could not be reached; never redrawn. */
    UNREACHABLE_DM,
    /** The expiry notice to the requester. */
    EXPIRED_DM,
    /** A reminder, in the thread of the approver's DM or a DM of its own; never redrawn. */
    REMINDER_DM,
    /** A stuck request, shown to an escalation contact in a DM (buttons when they may decide). */
    ESCALATION_DM,
    /** A stuck request, posted to an escalation channel. */
    ESCALATION_POST,
    /** The urgent mode's daily report in an approver's DM. */
    URGENT_REPORT_DM
}
