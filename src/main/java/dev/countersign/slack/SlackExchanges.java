package dev.countersign.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The record of every exchange with Slack: each Web API call out and each callback in, with its outcome. Never the
 * token, the secret or message contents. Losing a line here must not fail the exchange itself.
 */
public class SlackExchanges {

    private static final Logger log = LoggerFactory.getLogger(SlackExchanges.class);

    enum Direction { IN, OUT }

    /**
     * @param direction {@code out}: a Web API call; {@code in}: a callback from Slack
     * @param name      the method ({@code chat.postMessage}) or callback ({@code block_actions approve})
     */
    public record Exchange(Instant at, String direction, String name, String slackUser, String outcome,
                           Integer durationMs) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SlackExchanges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(Direction direction, String name, String requestId, String slackUser, String outcome,
                Duration took) {
        try {
            jdbc.sql("""
                            insert into slack_exchange
                                (at, direction, name, request_id, slack_user, outcome, duration_ms)
                            values (?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(clock.instant().atOffset(ZoneOffset.UTC), direction.name().toLowerCase(),
                            cut(name, 64), requestId, slackUser, cut(outcome, 200),
                            took == null ? null : (int) Math.min(Integer.MAX_VALUE, took.toMillis()))
                    .update();
        } catch (RuntimeException e) {
            log.warn("Could not record a Slack exchange ({} {}): {}", direction, name, e.getMessage());
        }
    }

    /** Oldest first. */
    public List<Exchange> of(String requestId) {
        return jdbc.sql("select * from slack_exchange where request_id = ? order by id")
                .param(requestId)
                .query((rs, n) -> new Exchange(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("direction"), rs.getString("name"), rs.getString("slack_user"),
                        rs.getString("outcome"), rs.getObject("duration_ms", Integer.class)))
                .list();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
