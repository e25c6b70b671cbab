package dev.countersign.slack;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where each message about a request was posted (channel + ts), so that it can be updated in place. */
class SlackMessages {

    record Stored(String channel, String ts, String requestId, SlackMessageKind kind, String recipient,
                  Integer level, String threadTs) {
    }

    private final JdbcClient jdbc;

    SlackMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Stored message, Instant postedAt) {
        jdbc.sql("""
                        insert into slack_message (channel_id, ts, request_id, kind, recipient, level_number, thread_ts,
                                                   posted_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(message.channel(), message.ts(), message.requestId(), message.kind().name(),
                        message.recipient(), message.level(), message.threadTs(), postedAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    List<Stored> of(String requestId) {
        return jdbc.sql("select * from slack_message where request_id = ? order by posted_at, ts")
                .param(requestId)
                .query((rs, n) -> new Stored(rs.getString("channel_id"), rs.getString("ts"),
                        rs.getString("request_id"), SlackMessageKind.valueOf(rs.getString("kind")),
                        rs.getString("recipient"), rs.getObject("level_number", Integer.class),
                        rs.getString("thread_ts")))
                .list();
    }

    Optional<Stored> find(String requestId, SlackMessageKind kind, String recipient) {
        return find(requestId, kind, recipient, null);
    }

    /** The message of this kind to this recipient about this level (someone may be asked on two levels). */
    Optional<Stored> find(String requestId, SlackMessageKind kind, String recipient, Integer level) {
        return of(requestId).stream()
                .filter(m -> m.kind() == kind && Objects.equals(m.recipient(), recipient)
                        && Objects.equals(m.level(), level))
                .findFirst();
    }
}
