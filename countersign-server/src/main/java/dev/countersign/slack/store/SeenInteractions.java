package dev.countersign.slack.store;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fingerprints of the clicks Slack has delivered ({@code slack_interaction}), so that a delivery Slack repeats
 * (it retries what it thinks failed, with the same payload) is recognised, on whichever node it lands.
 */
public class SeenInteractions {

    private final JdbcClient jdbc;

    SeenInteractions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the fingerprint; false when it was recorded before (the same delivery again). */
    public boolean firstTime(String fingerprint, Instant receivedAt) {
        try {
            jdbc.sql("insert into slack_interaction (fingerprint, received_at) values (?, ?)")
                    .params(fingerprint, receivedAt.atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException seen) {
            return false;
        }
    }

    public void forgetBefore(Instant cutoff) {
        jdbc.sql("delete from slack_interaction where received_at < ?")
                .param(cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }
}
