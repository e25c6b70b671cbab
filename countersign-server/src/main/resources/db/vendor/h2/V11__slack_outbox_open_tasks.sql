-- PostgreSQL replaces slack_outbox_open with a partial index of the open tasks here. H2 has no partial indexes and
-- plans each statement afresh; slack_outbox_by_request (request_id, done_at, id) serves the same statements.
select 1;
