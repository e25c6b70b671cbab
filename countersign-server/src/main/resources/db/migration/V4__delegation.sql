-- Delegations (proxy approvers): while active, "to" receives what "from" is asked and may decide in their place.
create table delegation (
    id          varchar(32)  primary key,
    from_email  varchar(320) not null,
    to_email    varchar(320) not null,
    starts_at   timestamp with time zone not null,
    ends_at     timestamp with time zone not null,
    reason      varchar(2000),
    created_at  timestamp with time zone not null,
    created_by  varchar(320) not null,
    revoked_at  timestamp with time zone,
    revoked_by  varchar(320)
);

create index delegation_by_from on delegation (from_email, ends_at);
create index delegation_by_to on delegation (to_email, ends_at);

-- A DM sent to a delegate asks them to decide for someone else: whom (null on the approver's own DM).
alter table slack_message add column on_behalf_of varchar(320);
