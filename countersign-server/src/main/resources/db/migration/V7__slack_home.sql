-- People who opened Countersign's App Home tab in Slack. Only their tabs are kept up to date when a request they are
-- asked on or made changes: publishing a tab nobody looks at would spend Slack's rate limit for nothing.
create table slack_home (
    user_id      varchar(32)  primary key,
    email        varchar(320) not null,
    opened_at    timestamp with time zone not null,
    published_at timestamp with time zone
);

create index slack_home_by_email on slack_home (email);
