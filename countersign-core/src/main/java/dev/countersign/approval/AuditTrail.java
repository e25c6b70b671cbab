package dev.countersign.approval;

import java.util.List;

/** Port: the append-only record of everything that happened to requests. */
public interface AuditTrail {

    /** Appends the events, each recorded with the credential that caused them. */
    void append(List<ApprovalEvent> events, Credential credential);

    /** A request's trail, oldest first. */
    List<AuditEntry> of(RequestId id);
}
