package dev.countersign.schedule;

import dev.countersign.approval.ApprovalRequest;
import java.time.Instant;
import java.util.List;

/**
 * Port: how people are told that a request still waits for them. Called inside the transaction that records the
 * step as taken, so an implementation queues its messages there (an outbox) and never sends from the call.
 */
public interface Nudges {

    /** Nobody tells anybody (Slack is not configured): the schedule still moves on. */
    Nudges NONE = new Nudges() {
        @Override
        public void remind(ApprovalRequest request, int level, int number, int max, Instant now) {}

        @Override
        public void escalate(
                ApprovalRequest request, int level, List<String> contacts, int remindersSent, Instant now) {}

        @Override
        public void reportUrgent(ApprovalRequest request, Instant now) {}
    };

    /** Reminder {@code number} of {@code max} to whoever on the level (and their delegates) has not decided. */
    void remind(ApprovalRequest request, int level, int number, int max, Instant now);

    /** One reminder due: number {@code number} of {@code max} about {@code level} of {@code request}. */
    record Reminder(ApprovalRequest request, int level, int number, int max) {}

    /** {@link #remind} for each of a batch the sweep took in one transaction; may queue them all at once. */
    default void remindAll(List<Reminder> reminders, Instant now) {
        reminders.forEach(r -> remind(r.request(), r.level(), r.number(), r.max(), now));
    }

    /** Tells the contacts (emails, channels) that the level is stuck after {@code remindersSent} reminders. */
    void escalate(ApprovalRequest request, int level, List<String> contacts, int remindersSent, Instant now);

    /** The daily report on an urgent request still not approved, to its current level's undecided approvers. */
    void reportUrgent(ApprovalRequest request, Instant now);
}
