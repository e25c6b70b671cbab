package dev.countersign.slack.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where each message about a request was posted (channel + ts), so that it can be updated in place. */
public class SlackMessages {

    /** @param onBehalfOf on a DM to a delegate, the approver they are asked for; else {@code null} */
    public record Stored(
            String channel,
            String ts,
            String requestId,
            SlackMessageKind kind,
            String recipient,
            Integer level,
            String threadTs,
            String onBehalfOf) {

        public Stored(
                String channel,
                String ts,
                String requestId,
                SlackMessageKind kind,
                String recipient,
                Integer level,
                String threadTs) {
            this(channel, ts, requestId, kind, recipient, level, threadTs, null);
        }
    }

    private final JdbcClient jdbc;

    SlackMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(Stored message, Instant postedAt) {
        add(message, postedAt, null);
    }

    /**
     * Records one copy of a message; a copy already recorded (the same channel + ts) stays as it is.
     *
     * @param taskId the outbox task that posted (or found) this copy; {@code null} outside the outbox
     * @return whether the copy was new
     */
    public boolean add(Stored message, Instant postedAt, Long taskId) {
        try {
            jdbc.sql("""
                            insert into slack_message (channel_id, ts, request_id, kind, recipient, level_number,
                                                       thread_ts, posted_at, on_behalf_of, task_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(
                            message.channel(),
                            message.ts(),
                            message.requestId(),
                            message.kind().name(),
                            message.recipient(),
                            message.level(),
                            message.threadTs(),
                            postedAt.atOffset(ZoneOffset.UTC),
                            message.onBehalfOf(),
                            taskId)
                    .update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException known) {
            return false;
        }
    }

    /** Every message about the request, each copy of a message once (a message Slack holds twice is two rows). */
    public List<Stored> of(String requestId) {
        return jdbc.sql("select * from slack_message where request_id = ? order by posted_at, ts")
                .param(requestId)
                .query(SlackMessages::stored)
                .list();
    }

    /** The message Slack knows as this channel + ts (what a click's payload names). */
    public Optional<Stored> at(String channel, String ts) {
        if (channel == null || ts == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from slack_message where channel_id = ? and ts = ?")
                .params(channel, ts)
                .query(SlackMessages::stored)
                .optional();
    }

    /** The requests on which {@code delegate} holds a DM asking them on behalf of {@code principal}. */
    public List<String> requestsAskedOnBehalf(String delegate, String principal) {
        return jdbc.sql("select distinct request_id from slack_message where recipient = ? and on_behalf_of = ?")
                .params(delegate, principal)
                .query(String.class)
                .list();
    }

    private static Stored stored(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(
                rs.getString("channel_id"),
                rs.getString("ts"),
                rs.getString("request_id"),
                SlackMessageKind.valueOf(rs.getString("kind")),
                rs.getString("recipient"),
                rs.getObject("level_number", Integer.class),
                rs.getString("thread_ts"),
                rs.getString("on_behalf_of"));
    }

    public Optional<Stored> find(String requestId, SlackMessageKind kind, String recipient) {
        return find(requestId, kind, recipient, null);
    }

    /**
     * The first recorded copy of the message of this kind to this recipient about this level (someone may be asked
     * on two levels), sent to them on their own account (not as someone's delegate).
     */
    public Optional<Stored> find(String requestId, SlackMessageKind kind, String recipient, Integer level) {
        return find(requestId, kind, recipient, level, null);
    }

    /** As {@link #find(String, SlackMessageKind, String, Integer)}, for the DM asking them on behalf of someone. */
    public Optional<Stored> find(
            String requestId, SlackMessageKind kind, String recipient, Integer level, String onBehalfOf) {
        return of(requestId).stream()
                .filter(m -> m.kind() == kind
                        && Objects.equals(m.recipient(), recipient)
                        && Objects.equals(m.level(), level)
                        && Objects.equals(m.onBehalfOf(), onBehalfOf))
                .findFirst();
    }

    /** @param principal the approver a delegate was asked for; {@code recipient}: the delegate */
    public record DelegateDm(String requestId, int level, String principal, String recipient) {}

    /** Every approval DM sent to a delegate on someone's behalf about these requests, in one query. */
    public List<DelegateDm> delegateDmsAbout(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select request_id, level_number, on_behalf_of, recipient from slack_message
                        where request_id in (:ids) and kind = :kind and on_behalf_of is not null
                        """)
                .param("ids", List.copyOf(requestIds))
                .param("kind", SlackMessageKind.APPROVER_DM.name())
                .query((rs, n) -> new DelegateDm(
                        rs.getString("request_id"),
                        rs.getInt("level_number"),
                        rs.getString("on_behalf_of"),
                        rs.getString("recipient")))
                .list();
    }
}
