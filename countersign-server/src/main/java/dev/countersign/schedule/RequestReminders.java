package dev.countersign.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where each pending request stands with its reminders, for the level being asked. Every step the sweep takes is a
 * guarded update that names the state it moves from: of two sweeps that saw the same due row, one moves it and the
 * other updates nothing, and only the one that moved it queues messages.
 */
class RequestReminders {

    record Due(String requestId, int level, Instant nextAt, int sent, Instant escalatedAt) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    RequestReminders(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The level now asked starts afresh: no reminders sent, the first one due at {@code firstAt}. */
    void start(String requestId, int level, Instant firstAt) {
        forget(requestId);
        jdbc.sql("""
                        insert into request_reminder (request_id, level_number, next_reminder_at, reminders_sent)
                        values (?, ?, ?, 0)
                        """).params(requestId, level, at(firstAt)).update();
    }

    void forget(String requestId) {
        forgetAll(List.of(requestId));
    }

    void forgetAll(List<String> requestIds) {
        if (!requestIds.isEmpty()) {
            jdbc.sql("delete from request_reminder where request_id in (:ids)")
                    .param("ids", requestIds)
                    .update();
        }
    }

    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                        select * from request_reminder where next_reminder_at <= ?
                        order by next_reminder_at fetch first ? rows only
                        """)
                .params(at(now), limit)
                .query((rs, n) -> new Due(
                        rs.getString("request_id"),
                        rs.getInt("level_number"),
                        instant(rs.getObject("next_reminder_at", OffsetDateTime.class)),
                        rs.getInt("reminders_sent"),
                        instant(rs.getObject("escalated_at", OffsetDateTime.class))))
                .list();
    }

    /** A reminder due now, and when the one after it will be. */
    record Step(Due due, Instant next) {}

    /**
     * Counts each reminder as sent and sets its next step, in one batch; for each, whether it moved (false when
     * another sweep took that step first).
     */
    boolean[] remindedAll(List<Step> steps) {
        if (steps.isEmpty()) {
            return new boolean[0];
        }
        int[] rows = batch.batchUpdate(
                """
                        update request_reminder set reminders_sent = reminders_sent + 1, next_reminder_at = ?
                        where request_id = ? and level_number = ? and reminders_sent = ? and next_reminder_at = ?
                        """,
                steps.stream()
                        .map(s -> new Object[] {
                            at(s.next()),
                            s.due().requestId(),
                            s.due().level(),
                            s.due().sent(),
                            at(s.due().nextAt())
                        })
                        .toList());
        boolean[] moved = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            moved[i] = rows[i] == 1;
        }
        return moved;
    }

    /** Records the escalation; nothing follows it on this level. False when another sweep escalated first. */
    boolean escalated(Due due, Instant now) {
        return jdbc.sql("""
                        update request_reminder set escalated_at = ?, next_reminder_at = null
                        where request_id = ? and level_number = ? and escalated_at is null and next_reminder_at = ?
                        """)
                        .params(at(now), due.requestId(), due.level(), at(due.nextAt()))
                        .update()
                == 1;
    }

    /** Nothing more is due for these levels (or the requests moved on): the rows stop being found. */
    void finishedAll(List<Due> due) {
        if (due.isEmpty()) {
            return;
        }
        batch.batchUpdate(
                """
                        update request_reminder set next_reminder_at = null
                        where request_id = ? and level_number = ? and next_reminder_at = ?
                        """,
                due.stream()
                        .map(d -> new Object[] {d.requestId(), d.level(), at(d.nextAt())})
                        .toList());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
