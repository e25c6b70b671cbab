package dev.countersign.slack.store;

import dev.countersign.schedule.DueWork;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the exchange log to {@code COUNTERSIGN_SLACK_EXCHANGE_RETENTION} (30 days by default): each sweep deletes
 * what is older, in batches of {@value #BATCH} lines so that no statement holds many rows or runs long, and at most
 * {@value #MAX_BATCHES} batches so that a large backlog (the first run after an upgrade) is worked off over a few
 * sweeps instead of in one. Nothing older left: one indexed query that finds nothing.
 */
public final class SlackExchangeRetention implements DueWork {

    public static final int BATCH = 1_000;
    static final int MAX_BATCHES = 20;

    private static final Logger log = LoggerFactory.getLogger(SlackExchangeRetention.class);

    private final SlackExchangeLog exchanges;
    private final Duration retention;

    SlackExchangeRetention(SlackExchangeLog exchanges, Duration retention) {
        if (retention.isZero()) {
            throw new IllegalArgumentException(
                    "COUNTERSIGN_SLACK_EXCHANGE_RETENTION must be longer than 0s, " + "e.g. 30d");
        }
        this.exchanges = exchanges;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "slack-exchange-retention";
    }

    @Override
    public void runDue(Instant now) {
        Instant cutoff = now.minus(retention);
        int deleted = 0;
        for (int batches = 0; batches < MAX_BATCHES; batches++) {
            int batch = exchanges.forgetBefore(cutoff, BATCH);
            deleted += batch;
            if (batch < BATCH) {
                break;
            }
        }
        if (deleted > 0) {
            log.debug("Deleted {} Slack exchange(s) from before {}", deleted, cutoff);
        }
    }
}
