package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.Reminders;
import dev.countersign.delivery.Delivery.Escalate;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.SlackMessageKind;

/** A stuck request shown to an escalation contact, once per level: posted to a channel, or DMed to a person. */
class EscalateHandler extends RequestHandler<Escalate> {

    private final SlackPosts posts;
    private final SlackDms dms;
    private final RequestMessages render;

    EscalateHandler(ApprovalRequests requests, SlackPosts posts, SlackDms dms, RequestMessages render) {
        super(Escalate.class, requests);
        this.posts = posts;
        this.dms = dms;
        this.render = render;
    }

    @Override
    String deliver(ApprovalRequest request, Queued<Escalate> task) {
        int level = task.delivery().level();
        if (!request.asks(level)) {
            return "skipped: level " + level + " is no longer asked";
        }
        String requestId = request.id().value();
        String contact = task.delivery().recipient();
        if (Reminders.isChannel(contact)) {
            MessageKey key = new MessageKey(requestId, SlackMessageKind.ESCALATION_POST, contact, level);
            if (posts.recorded(key).isPresent()) {
                return "skipped: already posted";
            }
            posts.post(task, key, contact, null, render.escalationPost(request, level));
            return "sent";
        }
        MessageKey key = new MessageKey(requestId, SlackMessageKind.ESCALATION_DM, contact, level);
        if (dms.sent(key)) {
            return "skipped: already told";
        }
        return dms.send(task, key, render.escalationDm(request, new Email(contact), level));
    }
}
