-- When a delegation's start and end were announced (its delegate asked about what was already pending; their
-- buttons withdrawn), so that the periodic sweep does each exactly once, on whichever instance gets there first.
alter table delegation add column start_announced_at timestamp with time zone;
alter table delegation add column end_announced_at timestamp with time zone;

create index delegation_newest on delegation (created_at, id);
create index delegation_unannounced_start on delegation (start_announced_at, starts_at);
create index delegation_unannounced_end on delegation (end_announced_at, ends_at);

-- The DMs a delegate holds for someone, so that they can be redrawn when the delegation ends.
create index slack_message_by_delegate on slack_message (recipient, on_behalf_of);
