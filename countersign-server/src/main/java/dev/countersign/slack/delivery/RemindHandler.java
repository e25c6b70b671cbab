package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.delivery.Delivery.Remind;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.store.SlackMessageKind;
import dev.countersign.slack.store.SlackMessages.Stored;
import java.util.Optional;

/**
 * A reminder in the thread of the recipient's approval DM, so the buttons are one glance away; a DM of its own,
 * linking to the request, when they have no such DM. Nothing when the level no longer waits for them.
 */
class RemindHandler extends RequestHandler<Remind> {

    private final SlackPosts posts;
    private final SlackDms dms;
    private final RequestMessages render;

    RemindHandler(ApprovalRequests requests, SlackPosts posts, SlackDms dms, RequestMessages render) {
        super(Remind.class, requests);
        this.posts = posts;
        this.dms = dms;
        this.render = render;
    }

    @Override
    String deliver(ApprovalRequest request, Queued<Remind> task) {
        Remind reminder = task.delivery();
        String recipient = reminder.recipient().value();
        String stale = stillWaitsFor(request, reminder.level(), reminder.whoseDecision());
        if (stale != null) {
            return stale;
        }
        String requestId = request.id().value();
        Optional<Stored> original =
                posts.recorded(new MessageKey(requestId, SlackMessageKind.APPROVER_DM, recipient, reminder.level()));
        SlackMessage message =
                render.reminder(request, reminder.approver(), reminder.number(), reminder.max(), original.isPresent());
        MessageKey key = new MessageKey(requestId, SlackMessageKind.REMINDER_DM, recipient, reminder.level());
        if (original.isEmpty()) {
            return dms.send(task, key, message);
        }
        posts.post(task, key, original.get().channel(), original.get().ts(), message);
        return "sent in thread";
    }
}
