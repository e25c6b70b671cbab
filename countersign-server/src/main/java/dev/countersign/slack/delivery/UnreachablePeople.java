package dev.countersign.slack.delivery;

import dev.countersign.approval.Email;
import dev.countersign.delivery.Delivery.TellUnreachable;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.delivery.DeliveryProblems;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.store.SlackMessageKind;
import java.time.Clock;
import java.util.List;

/**
 * Someone Slack has no account for: a delivery problem on the request, so that nobody is silently left out; when it
 * is an approver asked in their own name, the requester is told as well (a delegate's absence is theirs to sort out).
 */
class UnreachablePeople {

    private final DeliveryProblems problems;
    private final DeliveryOutbox outbox;
    private final Clock clock;

    UnreachablePeople(DeliveryProblems problems, DeliveryOutbox outbox, Clock clock) {
        this.problems = problems;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Records that {@code email} was not told what {@code key} names; returns the task's outcome. */
    String notTold(Queued<?> task, MessageKey key, Email email) {
        String recipient = key.recipient();
        problems.record(
                key.requestId(),
                recipient,
                "no Slack account found for " + recipient
                        + " (users.lookupByEmail: users_not_found); they were not told in Slack",
                clock.instant());
        if (key.kind() == SlackMessageKind.APPROVER_DM && key.onBehalfOf() == null) {
            outbox.add(List.of(new TellUnreachable(task.delivery().request(), email)), clock.instant());
        }
        return "not sent: no Slack account for " + recipient;
    }
}
