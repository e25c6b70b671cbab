package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.Delivery.TellApproved;
import dev.countersign.delivery.Delivery.TellExecutable;
import dev.countersign.delivery.Delivery.TellExpired;
import dev.countersign.delivery.Delivery.TellRejected;
import dev.countersign.delivery.Delivery.TellUnreachable;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.store.SlackMessageKind;
import java.util.function.BiFunction;

/**
 * A notice DMed to one person about a request (rejected, approved, executable, expired, an approver unreachable):
 * the kinds differ only in whom they go to and how they are drawn.
 */
class TellHandler<T extends Delivery> extends RequestHandler<T> {

    private final SlackDms dms;
    private final SlackMessageKind message;
    private final BiFunction<ApprovalRequest, T, String> recipient;
    private final BiFunction<ApprovalRequest, T, SlackMessage> draw;

    private TellHandler(
            Class<T> kind,
            ApprovalRequests requests,
            SlackDms dms,
            SlackMessageKind message,
            BiFunction<ApprovalRequest, T, String> recipient,
            BiFunction<ApprovalRequest, T, SlackMessage> draw) {
        super(kind, requests);
        this.dms = dms;
        this.message = message;
        this.recipient = recipient;
        this.draw = draw;
    }

    static TellHandler<TellRejected> rejected(ApprovalRequests requests, SlackDms dms, RequestMessages render) {
        return new TellHandler<>(
                TellRejected.class,
                requests,
                dms,
                SlackMessageKind.REJECTED_DM,
                (request, told) -> told.recipient().value(),
                (request, told) -> render.rejectedDm(request));
    }

    static TellHandler<TellApproved> approved(ApprovalRequests requests, SlackDms dms, RequestMessages render) {
        return new TellHandler<>(
                TellApproved.class,
                requests,
                dms,
                SlackMessageKind.APPROVED_DM,
                (request, told) -> told.recipient().value(),
                (request, told) -> render.approvedDm(request));
    }

    static TellHandler<TellExecutable> executable(ApprovalRequests requests, SlackDms dms, RequestMessages render) {
        return new TellHandler<>(
                TellExecutable.class,
                requests,
                dms,
                SlackMessageKind.EXECUTABLE_DM,
                (request, told) -> told.recipient().value(),
                (request, told) -> render.executableDm(request));
    }

    static TellHandler<TellExpired> expired(ApprovalRequests requests, SlackDms dms, RequestMessages render) {
        return new TellHandler<>(
                TellExpired.class,
                requests,
                dms,
                SlackMessageKind.EXPIRED_DM,
                (request, told) -> told.recipient().value(),
                (request, told) -> render.expiredDm(request));
    }

    /** The requester is told which approver Slack could not reach. */
    static TellHandler<TellUnreachable> unreachable(ApprovalRequests requests, SlackDms dms, RequestMessages render) {
        return new TellHandler<>(
                TellUnreachable.class,
                requests,
                dms,
                SlackMessageKind.UNREACHABLE_DM,
                (request, told) -> request.spec().requester().value(),
                (request, told) -> render.unreachableDm(request, told.approver().value()));
    }

    @Override
    String deliver(ApprovalRequest request, Queued<T> task) {
        T told = task.delivery();
        MessageKey key = new MessageKey(request.id().value(), message, recipient.apply(request, told), null);
        return dms.send(task, key, draw.apply(request, told));
    }
}
