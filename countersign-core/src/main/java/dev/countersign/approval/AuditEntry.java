package dev.countersign.approval;

import java.time.Instant;

/** One line of a request's audit trail, as stored: never updated, never deleted. */
public record AuditEntry(
        RequestId requestId,
        Instant at,
        String action,
        String actor,
        Email onBehalfOf,
        Via via,
        String detail,
        Credential credential) {

    public static AuditEntry of(ApprovalEvent event, Credential credential) {
        return new AuditEntry(
                event.requestId(),
                event.at(),
                event.action(),
                event.actor(),
                event.onBehalfOf(),
                event.via(),
                event.detail(),
                credential);
    }
}
