package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.LevelStatus;
import dev.countersign.approval.Mandates;
import dev.countersign.delivery.Delivery.AskDelegate;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.SlackMessageKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The approval request to a delegate, on behalf of the approver. Checked again when it is sent: the approver may
 * have decided, or the delegation ended, since the task was written.
 */
class AskDelegateHandler extends RequestHandler<AskDelegate> {

    private final SlackDms dms;
    private final RequestMessages render;
    private final Mandates mandates;
    private final Clock clock;

    AskDelegateHandler(
            ApprovalRequests requests, SlackDms dms, RequestMessages render, Mandates mandates, Clock clock) {
        super(AskDelegate.class, requests);
        this.dms = dms;
        this.render = render;
        this.mandates = mandates;
        this.clock = clock;
    }

    @Override
    String deliver(ApprovalRequest request, Queued<AskDelegate> task) {
        int level = task.delivery().level();
        Email delegate = task.delivery().recipient();
        Email principal = task.delivery().approver();
        if (request.levelStatus(level) != LevelStatus.PENDING) {
            return "skipped: level " + level + " is no longer asked";
        }
        if (!request.awaits(principal, level)) {
            return "skipped: " + principal + " has decided";
        }
        Optional<Instant> until = mandates.until(delegate, principal, clock.instant());
        if (until.isEmpty()) {
            return "skipped: " + delegate + " no longer holds a delegation from " + principal;
        }
        MessageKey key = new MessageKey(
                request.id().value(), SlackMessageKind.APPROVER_DM, delegate.value(), level, principal.value());
        if (dms.sent(key)) {
            return "skipped: already asked";
        }
        return dms.send(task, key, render.delegateDm(request, delegate, principal, level, until.get()));
    }
}
