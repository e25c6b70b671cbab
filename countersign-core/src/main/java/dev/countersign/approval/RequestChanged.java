package dev.countersign.approval;

import java.util.List;

/** Published after commit whenever a request changed: the request as it now stands, and what happened to it. */
public record RequestChanged(ApprovalRequest request, List<ApprovalEvent> events) {

    public boolean ended() {
        return events.stream().anyMatch(ApprovalEvent::ends);
    }
}
