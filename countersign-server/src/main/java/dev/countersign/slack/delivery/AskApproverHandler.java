package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.LevelStatus;
import dev.countersign.delivery.Delivery.AskApprover;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.SlackMessageKind;

/** The approval request DMed to an approver, once, while their level is still asked. */
class AskApproverHandler extends RequestHandler<AskApprover> {

    private final SlackDms dms;
    private final RequestMessages render;

    AskApproverHandler(ApprovalRequests requests, SlackDms dms, RequestMessages render) {
        super(AskApprover.class, requests);
        this.dms = dms;
        this.render = render;
    }

    @Override
    String deliver(ApprovalRequest request, Queued<AskApprover> task) {
        int level = task.delivery().level();
        Email approver = task.delivery().recipient();
        if (request.levelStatus(level) != LevelStatus.PENDING) {
            return "skipped: level " + level + " is no longer asked";
        }
        MessageKey key = new MessageKey(request.id().value(), SlackMessageKind.APPROVER_DM, approver.value(), level);
        if (dms.sent(key)) {
            return "skipped: already asked";
        }
        return dms.send(task, key, render.approverDm(request, approver, level));
    }
}
