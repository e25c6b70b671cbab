package dev.countersign.approval;

import java.util.ArrayList;
import java.util.List;

/** {@link AuditTrail} in memory: append-only, like the real one. */
final class InMemoryAuditTrail implements AuditTrail {

    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void append(List<ApprovalEvent> events, Credential credential) {
        events.stream().map(event -> AuditEntry.of(event, credential)).forEach(entries::add);
    }

    @Override
    public synchronized List<AuditEntry> of(RequestId id) {
        return entries.stream().filter(e -> e.requestId().equals(id)).toList();
    }

    synchronized List<String> actionsOf(RequestId id) {
        return of(id).stream().map(AuditEntry::action).toList();
    }
}
