-- Who cancelled a request and why, kept on the request itself, so that front ends need not read the audit trail.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

alter table approval_request add column cancelled_by varchar(254);
alter table approval_request add column cancel_reason varchar(8000);

-- Requests cancelled before now: from their (latest) cancellation entry, whose detail is "cancelled" when no
-- reason was given and "cancelled: <reason>" when one was.
update approval_request
   set cancelled_by = (select e.actor from audit_event e
                        where e.id = (select max(l.id) from audit_event l
                                       where l.request_id = approval_request.id
                                         and l.action = 'request-cancelled')),
       cancel_reason = (select case when e.detail like 'cancelled: %' then substring(e.detail from 12) end
                          from audit_event e
                         where e.id = (select max(l.id) from audit_event l
                                        where l.request_id = approval_request.id
                                          and l.action = 'request-cancelled'))
 where status = 'CANCELLED';
