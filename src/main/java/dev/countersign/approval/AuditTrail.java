package dev.countersign.approval;

import java.util.List;

/** Port: the append-only record of everything that happened to requests. */
public interface AuditTrail {

    void append(List<ApprovalEvent> events);

    /** A request's trail, oldest first. */
    List<AuditEntry> of(RequestId id);
}
