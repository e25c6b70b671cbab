package dev.countersign.slack;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Slack work waiting to be done. Rows are added in the transaction of the change that needs them; any node may then
 * claim one with a lease, so a node that dies mid-task leaves it to another once the lease lapses. A request's
 * tasks run one at a time, oldest first: its channel post exists before progress goes into its thread, and a
 * message is posted before anything tries to update it.
 */
class SlackOutbox {

    record NewTask(String requestId, SlackTask task, String recipient, Integer level, String note) {
    }

    record Task(long id, String requestId, SlackTask task, String recipient, Integer level, String note,
                Instant createdAt, int attempts) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    SlackOutbox(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** One batch, however many tasks (in the order given, which is the order they are sent in per request). */
    void add(List<NewTask> tasks, Instant now) {
        if (tasks.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                        insert into slack_outbox (request_id, task, recipient, level_number, note, created_at, due_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """,
                tasks.stream().map(task -> new Object[] {task.requestId(), task.task().name(), task.recipient(),
                        task.level(), cut(task.note()), at(now), at(now)}).toList());
    }

    /**
     * Each request's oldest unfinished task, when it is due and nobody holds it, oldest first. One ordered pass over
     * the open tasks (on PostgreSQL the partial index {@code slack_outbox_open_by_request}), whatever the plan: the
     * statement has no join on purpose. A join of the open tasks with their per-request minimum ran as a nested
     * loop when the driver's cached plan was made while the outbox was nearly empty, and took 5 s a look once a
     * sweep queued 6,000 tasks (and a correlated "no earlier open task" check did the same on a freshly filled table
     * without statistics).
     */
    List<Task> ready(Instant now, int limit) {
        return jdbc.sql("""
                        select * from (
                            select distinct on (request_id) * from slack_outbox
                            where done_at is null
                            order by request_id, id
                        ) head
                        where due_at <= :now and (claimed_until is null or claimed_until < :now)
                        order by id
                        fetch first :limit rows only
                        """)
                .param("now", at(now))
                .param("limit", limit)
                .query(SlackOutbox::task)
                .list();
    }

    /**
     * Takes the task for {@code lease}; false when another node got it first, finished it, or put it off (a retry
     * with backoff) since it was found ready.
     */
    boolean claim(Task task, Instant now, Duration lease) {
        return jdbc.sql("""
                        update slack_outbox set claimed_until = ?, attempts = attempts + 1
                        where id = ? and done_at is null and due_at <= ?
                          and (claimed_until is null or claimed_until < ?)
                        """)
                .params(at(now.plus(lease)), task.id(), at(now), at(now))
                .update() == 1;
    }

    void done(Task task, Instant now, String outcome) {
        jdbc.sql("update slack_outbox set done_at = ?, claimed_until = null, outcome = ? where id = ?")
                .params(at(now), cut(outcome), task.id())
                .update();
    }

    /**
     * Finishes the request's later redraws that have not started: the redraw about to run draws the request as it is
     * now, which includes whatever those were queued for. Several votes in quick succession cost one redraw
     * (and several changes one App Home publish).
     */
    int mergeLaterRedraws(Task redraw, Instant now) {
        return jdbc.sql("""
                        update slack_outbox set done_at = ?, outcome = ?
                        where request_id = ? and task = ? and done_at is null and id > ?
                        """)
                .params(at(now), "merged into task " + redraw.id(), redraw.requestId(), redraw.task().name(),
                        redraw.id())
                .update();
    }

    void retryAt(Task task, Instant due, String lastError) {
        jdbc.sql("update slack_outbox set due_at = ?, claimed_until = null, outcome = ? where id = ?")
                .params(at(due), cut(lastError), task.id())
                .update();
    }

    /** Drops finished tasks done before {@code before}; what happened stays in the exchange log and the audit. */
    int forgetFinishedBefore(Instant before) {
        return jdbc.sql("delete from slack_outbox where done_at is not null and done_at < ?")
                .param(at(before))
                .update();
    }

    private static Task task(ResultSet rs, int row) throws SQLException {
        return new Task(rs.getLong("id"), rs.getString("request_id"), SlackTask.valueOf(rs.getString("task")),
                rs.getString("recipient"), rs.getObject("level_number", Integer.class), rs.getString("note"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts"));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
