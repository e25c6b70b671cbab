package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.delivery.Delivery.Refresh;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.store.SlackMessageKind;
import dev.countersign.slack.store.SlackMessages;
import dev.countersign.slack.store.SlackMessages.Stored;

/**
 * Redraws every message about the request that shows its state. Slack being unavailable stops the task (it is
 * retried whole: updates are idempotent); a message Slack refuses to update (deleted by someone) is passed over.
 */
class RefreshHandler extends RequestHandler<Refresh> {

    private final SlackMessages messages;
    private final RedrawnMessages redrawn;
    private final SlackApi slack;

    RefreshHandler(ApprovalRequests requests, SlackMessages messages, RedrawnMessages redrawn, SlackApi slack) {
        super(Refresh.class, requests);
        this.messages = messages;
        this.redrawn = redrawn;
        this.slack = slack;
    }

    @Override
    String deliver(ApprovalRequest request, Queued<Refresh> task) {
        int updated = 0;
        int refused = 0;
        for (Stored message : messages.of(request.id().value())) {
            if (message.kind() == SlackMessageKind.CHANNEL_PROGRESS
                    || message.kind() == SlackMessageKind.UNREACHABLE_DM
                    || message.kind() == SlackMessageKind.REMINDER_DM) {
                continue;
            }
            SlackMessage drawn = redrawn.of(request, message);
            try {
                slack.update(
                        message.channel(),
                        message.ts(),
                        drawn.text(),
                        drawn.blocks(),
                        request.id().value());
                updated++;
            } catch (SlackCallFailed e) {
                if (e.retryable()) {
                    throw e;
                }
                refused++;
            }
        }
        return "updated " + updated + " message(s)" + (refused == 0 ? "" : ", " + refused + " refused by Slack");
    }
}
