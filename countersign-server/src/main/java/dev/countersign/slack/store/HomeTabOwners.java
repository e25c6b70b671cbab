package dev.countersign.slack.store;

import dev.countersign.approval.Email;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who has opened Countersign's App Home tab ({@code slack_home}), and as whom: only their tabs are published again
 * when their lists change.
 */
public class HomeTabOwners {

    private final JdbcClient jdbc;

    HomeTabOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Slack user ids of those among these people who have opened the tab. */
    public List<String> openedBy(Collection<Email> people) {
        if (people.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select user_id from slack_home where email in (:emails) order by user_id")
                .param("emails", people.stream().map(Email::value).distinct().toList())
                .query(String.class)
                .list();
    }

    /** The tab was published for this user, who is this person. */
    public void published(String userId, Email email, Instant now) {
        var at = now.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update slack_home set email = ?, published_at = ? where user_id = ?")
                .params(email.value(), at, userId)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into slack_home (user_id, email, opened_at, published_at) values (?, ?, ?, ?)")
                        .params(userId, email.value(), at, at)
                        .update();
            } catch (DuplicateKeyException raced) {
                // Another node published the same tab at the same moment: it is remembered either way.
            }
        }
    }

    /** Stops publishing this user's tab until they open it again. */
    public void forget(String userId) {
        jdbc.sql("delete from slack_home where user_id = ?").param(userId).update();
    }
}
