package dev.countersign.approval;

import java.time.Instant;
import java.util.List;

/** One page of a listing, newest first; {@code next} is where the following page starts, {@code null} at the end. */
public record RequestPage(List<ApprovalRequest> items, Position next) {

    /** A place in the newest-first order: the last item of a page. */
    public record Position(Instant createdAt, RequestId id) {}
}
