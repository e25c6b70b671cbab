-- The open tasks, by request and age: what the dispatcher looks for (each request's oldest open task) and what a
-- redraw merges (its request's later open redraws). It replaces slack_outbox_open (done_at, due_at): with
-- statistics taken while the outbox was drained (its usual state), PostgreSQL's cached plan for the merge used that
-- index for "done_at is null" and read every open task for each redraw, 6,000 of them after a sweep.
drop index slack_outbox_open;
create index slack_outbox_open_by_request on slack_outbox (request_id, id) where done_at is null;
