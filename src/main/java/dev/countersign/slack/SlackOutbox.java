package dev.countersign.slack;

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

    SlackOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(List<NewTask> tasks, Instant now) {
        for (NewTask task : tasks) {
            jdbc.sql("""
                            insert into slack_outbox
                                (request_id, task, recipient, level_number, note, created_at, due_at)
                            values (?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(task.requestId(), task.task().name(), task.recipient(), task.level(), cut(task.note()),
                            at(now), at(now))
                    .update();
        }
    }

    /**
     * Each request's oldest unfinished task, when it is due and nobody holds it. One grouping pass over the open
     * tasks, never a per-row probe: a correlated "no earlier open task" check let PostgreSQL pick a nested loop on
     * a freshly filled table (no statistics yet) and take over a minute with 20,000 open tasks.
     */
    List<Task> ready(Instant now, int limit) {
        return jdbc.sql("""
                        select o.* from slack_outbox o
                        join (select request_id, min(id) as first_id from slack_outbox
                              where done_at is null group by request_id) f on o.id = f.first_id
                        where o.due_at <= :now and (o.claimed_until is null or o.claimed_until < :now)
                        order by o.id
                        fetch first :limit rows only
                        """)
                .param("now", at(now))
                .param("limit", limit)
                .query(SlackOutbox::task)
                .list();
    }

    /** Takes the task for {@code lease}; false when another node got it first. */
    boolean claim(Task task, Instant now, Duration lease) {
        return jdbc.sql("""
                        update slack_outbox set claimed_until = ?, attempts = attempts + 1
                        where id = ? and done_at is null and (claimed_until is null or claimed_until < ?)
                        """)
                .params(at(now.plus(lease)), task.id(), at(now))
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
