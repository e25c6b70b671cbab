-- A message may exist in Slack more than once. When Slack took a chat.postMessage but its answer was lost, the retry
-- looks for the copy Slack has (by the mark in its metadata) and keeps it; when it cannot look, it posts another.
-- Each copy is a row (channel + ts) and every copy is redrawn. task_id: the outbox task that posted or found it
-- (null on rows from before this column, and on posts outside the outbox).
alter table slack_message add column task_id bigint;
