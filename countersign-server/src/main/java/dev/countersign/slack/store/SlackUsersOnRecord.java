package dev.countersign.slack.store;

import dev.countersign.approval.Email;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@code users.lookupByEmail} last said of each email ({@code slack_person}): the Slack user id, or none, and
 * when it was asked. Kept in the database so that the id stays on record for mentions and DMs across restarts;
 * how long an answer is trusted is the caller's to decide.
 */
public class SlackUsersOnRecord {

    /** @param userId {@code null}: Slack said it has no account with that email */
    public record OnRecord(String userId, Instant lookedUpAt) {}

    private final JdbcClient jdbc;

    SlackUsersOnRecord(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OnRecord> of(Email email) {
        return jdbc.sql("select user_id, looked_up_at from slack_person where email = ?")
                .param(email.value())
                .query((rs, n) -> new OnRecord(
                        rs.getString("user_id"),
                        rs.getObject("looked_up_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** @param userId {@code null} when Slack has no account with this email */
    public void remember(Email email, String userId, Instant at) {
        var when = at.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update slack_person set user_id = ?, looked_up_at = ? where email = ?")
                .params(userId, when, email.value())
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into slack_person (email, user_id, looked_up_at) values (?, ?, ?)")
                        .params(email.value(), userId, when)
                        .update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql("update slack_person set user_id = ?, looked_up_at = ? where email = ?")
                        .params(userId, when, email.value())
                        .update();
            }
        }
    }
}
