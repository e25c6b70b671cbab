package dev.countersign.approval;

import java.util.List;

/**
 * A request changed: the request as it now stands, and what happened to it. The server announces it inside the
 * change's transaction, and its listeners ({@code @TransactionalEventListener}) hear of it only after commit.
 */
public record RequestChanged(ApprovalRequest request, List<ApprovalEvent> events) {

    public boolean ended() {
        return events.stream().anyMatch(ApprovalEvent::ends);
    }
}
