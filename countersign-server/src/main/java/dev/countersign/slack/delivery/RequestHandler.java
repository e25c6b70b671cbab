package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.DeliveryHandler;
import dev.countersign.delivery.Queued;

/** A handler for a kind about a request, which it is given as it is now; it does nothing when the request is gone. */
abstract class RequestHandler<T extends Delivery> implements DeliveryHandler<T> {

    private final Class<T> kind;
    private final ApprovalRequests requests;

    RequestHandler(Class<T> kind, ApprovalRequests requests) {
        this.kind = kind;
        this.requests = requests;
    }

    @Override
    public final Class<T> kind() {
        return kind;
    }

    @Override
    public final String deliver(Queued<T> task) {
        return requests.find(task.delivery().request())
                .map(request -> deliver(request, task))
                .orElse("skipped: request not found");
    }

    abstract String deliver(ApprovalRequest request, Queued<T> task);

    /** Why a nudge to this person is no longer needed; {@code null} when the level still waits for them. */
    static String stillWaitsFor(ApprovalRequest request, int level, Email principal) {
        if (!request.asks(level)) {
            return "skipped: level " + level + " is no longer asked";
        }
        if (!request.awaits(principal, level)) {
            return "skipped: " + principal.value() + " has decided";
        }
        return null;
    }
}
