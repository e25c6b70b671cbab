-- The audit trail is evidence: refuse any attempt to rewrite it (H2 triggers are Java classes).
create trigger audit_event_no_update before update on audit_event
    for each row call 'dev.countersign.approval.persistence.AuditAppendOnlyTrigger';
create trigger audit_event_no_delete before delete on audit_event
    for each row call 'dev.countersign.approval.persistence.AuditAppendOnlyTrigger';
