-- Credentials that say who is acting. Tokens are stored only as SHA-256 hashes of 256 random bits: a stolen
-- database does not hand out working tokens, and a hash of that much randomness needs no salt or stretching.

-- Machines (CI jobs, pipelines): scoped, never decide. A name is never reused, so "the client's own requests"
-- stays true after a revocation.
create table api_client (
    id           varchar(32)  primary key,
    name         varchar(64)  not null unique,
    scopes       varchar(500) not null,            -- space-separated, e.g. "requests:read requests:write"
    token_hash   varchar(64)  not null unique,     -- hex SHA-256 of the token
    created_at   timestamp with time zone not null,
    created_by   varchar(320) not null,
    revoked_at   timestamp with time zone,
    revoked_by   varchar(320),
    last_used_at timestamp with time zone
);

-- People, one directory whatever the sign-in method; an email is who someone is.
create table person (
    email      varchar(254) primary key,
    name       varchar(200),
    admin      boolean      not null default false,
    created_at timestamp with time zone not null,
    created_by varchar(320) not null
);

-- A person's own tokens: they decide as that person, and only as that person.
create table person_token (
    id           varchar(32)  primary key,
    email        varchar(254) not null references person (email),
    name         varchar(64)  not null,
    scopes       varchar(200) not null,
    token_hash   varchar(64)  not null unique,
    created_at   timestamp with time zone not null,
    created_by   varchar(320) not null,
    revoked_at   timestamp with time zone,
    revoked_by   varchar(320),
    last_used_at timestamp with time zone
);

create index person_token_by_email on person_token (email, created_at);

-- Who submitted a request (the credential, next to the requester it names), and the credential behind every
-- audit entry: "kind:name[:note]", e.g. "client:ci-prod", "person:bob@example.com:laptop", "override:admin:…".
alter table approval_request add column created_by varchar(400);
alter table audit_event add column credential varchar(8000);
