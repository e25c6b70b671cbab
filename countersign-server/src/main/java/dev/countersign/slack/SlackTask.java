package dev.countersign.slack;

/** What the dispatcher does for one outbox row. */
enum SlackTask {
    /** DM the approval request to one approver of a level (recipient, level). */
    ASK_APPROVER,
    /** Post the request to the channel the requester named (recipient = channel). */
    POST_TO_CHANNEL,
    /** Add a progress line (note) to the thread of the channel post. */
    CHANNEL_PROGRESS,
    /** Tell the requester who rejected and why. */
    TELL_REJECTED,
    /** Tell the requester every level approved. */
    TELL_APPROVED,
    /** Tell an executor the work may run now (recipient). */
    TELL_EXECUTABLE,
    /** Tell the requester that an approver (note) could not be reached in Slack. */
    TELL_UNREACHABLE,
    /** DM the approval request to a delegate of one approver of a level (recipient, level, note = the approver). */
    ASK_DELEGATE,
    /** Bring every message about the request up to date (chat.update). */
    REFRESH,
    /**
     * Publish one person's App Home tab (recipient = Slack user id). Its request id is {@link HomeTabs#key}, so a
     * person's publishes run one at a time and merge like redraws.
     */
    PUBLISH_HOME,
    /** Tell the requester nobody decided in time. */
    TELL_EXPIRED,
    /** Remind an approver (recipient) of a level who has not decided; note: see {@link ReminderNote}. */
    REMIND,
    /** Tell an escalation contact (recipient: email or channel) that the level is stuck. */
    ESCALATE,
    /** The urgent mode's daily report to an undecided approver (recipient) of the level; note: see ReminderNote. */
    URGENT_REPORT
}
