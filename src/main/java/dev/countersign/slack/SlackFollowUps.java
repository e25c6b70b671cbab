package dev.countersign.slack;

import dev.countersign.approval.ApprovalEvent;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.FollowUps;

import java.time.Clock;
import java.util.List;

/** Writes a change's Slack tasks into the outbox, inside the change's transaction. */
class SlackFollowUps implements FollowUps {

    private final SlackOutbox outbox;
    private final Clock clock;

    SlackFollowUps(SlackOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void record(ApprovalRequest request, List<ApprovalEvent> events) {
        outbox.add(NotificationPlan.tasksFor(request, events), clock.instant());
    }
}
