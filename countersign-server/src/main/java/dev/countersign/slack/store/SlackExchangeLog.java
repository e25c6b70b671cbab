package dev.countersign.slack.store;

import dev.countersign.slack.SlackExchanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record of every exchange with Slack: each Web API call out and each callback in, with its outcome. Never the
 * token, the secret or message contents. Lines are written in batches a fraction of a second later, off the path
 * that answers Slack: one commit per Slack call would cost the database more than the call itself. Losing a line
 * (a full queue, a database hiccup, a kill in that fraction of a second) never fails the exchange itself.
 */
public class SlackExchangeLog implements SlackExchanges, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackExchangeLog.class);
    private static final int QUEUE = 100_000;
    private static final int BATCH = 500;
    private static final Duration FLUSH_EVERY = Duration.ofMillis(200);

    public enum Direction {
        IN,
        OUT
    }

    private record Line(
            Instant at,
            Direction direction,
            String name,
            String requestId,
            String slackUser,
            String outcome,
            Integer durationMs) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final BlockingQueue<Line> pending = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    SlackExchangeLog(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    public void record(
            Direction direction, String name, String requestId, String slackUser, String outcome, Duration took) {
        Line line = new Line(
                clock.instant(),
                direction,
                cut(name, 64),
                requestId,
                slackUser,
                cut(outcome, 200),
                took == null ? null : (int) Math.min(Integer.MAX_VALUE, took.toMillis()));
        if (!pending.offer(line) && dropped.incrementAndGet() % 1_000 == 1) {
            log.warn("The Slack exchange log is falling behind; {} line(s) dropped so far", dropped.get());
        }
    }

    @Override
    public List<Exchange> of(String requestId) {
        flush();
        return jdbc.sql("select * from slack_exchange where request_id = ? order by id")
                .param(requestId)
                .query((rs, n) -> new Exchange(
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("direction"),
                        rs.getString("name"),
                        rs.getString("slack_user"),
                        rs.getString("outcome"),
                        rs.getObject("duration_ms", Integer.class)))
                .list();
    }

    /**
     * Deletes up to {@code batch} lines older than {@code cutoff}, oldest first, in one statement.
     *
     * @return how many were deleted: fewer than {@code batch} when nothing older is left
     */
    public int forgetBefore(Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from slack_exchange where id in
                            (select id from slack_exchange where at < ? order by at limit ?)
                        """).params(cutoff.atOffset(ZoneOffset.UTC), batch).update();
    }

    /** Writes what is queued now. */
    public synchronized void flush() {
        List<Line> lines = new ArrayList<>();
        while (pending.drainTo(lines, BATCH) > 0) {
            write(lines);
            lines.clear();
        }
    }

    private void write(List<Line> lines) {
        try {
            batch.batchUpdate(
                    """
                            insert into slack_exchange
                                (at, direction, name, request_id, slack_user, outcome, duration_ms)
                            values (?, ?, ?, ?, ?, ?, ?)
                            """,
                    lines.stream()
                            .map(l -> new Object[] {
                                l.at().atOffset(ZoneOffset.UTC),
                                l.direction().name().toLowerCase(),
                                l.name(),
                                l.requestId(),
                                l.slackUser(),
                                l.outcome(),
                                l.durationMs()
                            })
                            .toList());
        } catch (RuntimeException e) {
            log.warn("Could not record {} Slack exchange(s): {}", lines.size(), e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().name("slack-exchange-log").daemon().start(() -> {
            while (running) {
                try {
                    Thread.sleep(FLUSH_EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                flush();
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        writer.interrupt();
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the dispatcher and the web server (lifecycles stop from the highest phase down), which record
     * exchanges, so that their last lines are kept.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
