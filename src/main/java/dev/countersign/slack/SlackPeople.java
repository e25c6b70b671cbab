package dev.countersign.slack;

import dev.countersign.approval.Email;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is who between Countersign (emails) and Slack (user ids). Answers from {@code users.lookupByEmail} and
 * {@code users.info} are kept in the database, so a clicker is recognised without asking Slack each time and the
 * Slack user id is on record. "No such account" is remembered for a while only: people join workspaces.
 */
class SlackPeople {

    private static final Duration REMEMBER_FOUND = Duration.ofDays(1);
    private static final Duration REMEMBER_MISSING = Duration.ofMinutes(10);

    private record Entry(String userId, Instant lookedUpAt) {
    }

    private final JdbcClient jdbc;
    private final SlackApi slack;
    private final Clock clock;
    private final ConcurrentMap<String, Email> emailsByUser = new ConcurrentHashMap<>();
    /** Mentions are drawn for every approver on every redraw: known ids are kept in memory, not read each time. */
    private final ConcurrentMap<Email, String> usersByEmail = new ConcurrentHashMap<>();

    SlackPeople(JdbcClient jdbc, SlackApi slack, Clock clock) {
        this.jdbc = jdbc;
        this.slack = slack;
        this.clock = clock;
    }

    /** The Slack user id for this email, asking Slack when not known (or known too long); empty when none exists. */
    Optional<String> userIdOf(Email email, String requestId) {
        Optional<Entry> known = stored(email);
        Instant now = clock.instant();
        if (known.isPresent()) {
            Entry entry = known.get();
            Duration remember = entry.userId() == null ? REMEMBER_MISSING : REMEMBER_FOUND;
            if (entry.lookedUpAt().plus(remember).isAfter(now)) {
                return Optional.ofNullable(entry.userId());
            }
        }
        Optional<String> userId;
        try {
            userId = slack.userIdOf(email, requestId);
        } catch (SlackCallFailed e) {
            // A stale answer beats none while Slack is unavailable.
            if (e.retryable() && known.isPresent() && known.get().userId() != null) {
                return Optional.of(known.get().userId());
            }
            throw e;
        }
        remember(email, userId.orElse(null), now);
        return userId;
    }

    /** The user id already on record, without asking Slack: for mentions in messages. */
    Optional<String> knownUserIdOf(Email email) {
        String cached = usersByEmail.get(email);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> stored = stored(email).map(Entry::userId);
        stored.ifPresent(userId -> usersByEmail.put(email, userId));
        return stored;
    }

    /** The email of whoever clicked, from what we know or from {@code users.info}. */
    Optional<Email> emailOf(String userId) {
        Email cached = emailsByUser.get(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Email> email = jdbc.sql("select email from slack_person where user_id = ?")
                .param(userId).query(String.class).optional().map(Email::new);
        if (email.isEmpty()) {
            email = slack.emailOf(userId);
            email.ifPresent(found -> remember(found, userId, clock.instant()));
        }
        email.ifPresent(found -> emailsByUser.put(userId, found));
        return email;
    }

    /** How to name someone in a message: a mention when Slack knows them, else their email. */
    String mention(Email email) {
        return knownUserIdOf(email).map(id -> "<@" + id + ">").orElse(RequestMessages.escape(email.value()));
    }

    private Optional<Entry> stored(Email email) {
        return jdbc.sql("select user_id, looked_up_at from slack_person where email = ?")
                .param(email.value())
                .query((rs, n) -> new Entry(rs.getString("user_id"),
                        rs.getObject("looked_up_at", java.time.OffsetDateTime.class).toInstant()))
                .optional();
    }

    private void remember(Email email, String userId, Instant at) {
        var when = at.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update slack_person set user_id = ?, looked_up_at = ? where email = ?")
                .params(userId, when, email.value()).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into slack_person (email, user_id, looked_up_at) values (?, ?, ?)")
                        .params(email.value(), userId, when).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                jdbc.sql("update slack_person set user_id = ?, looked_up_at = ? where email = ?")
                        .params(userId, when, email.value()).update();
            }
        }
        if (userId != null) {
            emailsByUser.put(userId, email);
            usersByEmail.put(email, userId);
        } else {
            usersByEmail.remove(email);
        }
    }
}
