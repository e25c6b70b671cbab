-- Time: per-request reminder settings, the reminder schedule of each pending request, and the urgent daily report.
-- (db-scheduler's own table, whose column types differ per database, is in db/vendor/*/V5_1__scheduled_tasks.sql.)

-- Reminders asked for with the request; null falls back to the request type's configuration.
alter table approval_request add column remind_every varchar(64);      -- ISO-8601 duration, e.g. PT4H
alter table approval_request add column max_reminders integer;
alter table approval_request add column escalate_to varchar(16000);    -- JSON array of emails and #channels

-- Where a pending request stands with its reminders, for the level being asked. Written with the change that
-- asks a level, advanced by the sweep with a guarded update in the transaction of the Slack tasks it queues.
create table request_reminder (
    request_id       varchar(32) primary key references approval_request (id),
    level_number     integer     not null,
    next_reminder_at timestamp with time zone,   -- null: nothing more to send for this level
    reminders_sent   integer     not null,
    escalated_at     timestamp with time zone
);

create index request_reminder_due on request_reminder (next_reminder_at);

-- One row per urgent request and day it was reported on: the primary key makes the report once a day per request.
create table urgent_report (
    request_id  varchar(32) not null references approval_request (id),
    report_day  date        not null,
    reported_at timestamp with time zone not null,
    primary key (request_id, report_day)
);

create index approval_request_urgent_pending on approval_request (mode, status, created_at);
