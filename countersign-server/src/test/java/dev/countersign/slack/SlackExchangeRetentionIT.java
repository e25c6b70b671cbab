package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.schedule.DueWorkSweep;
import dev.countersign.slack.store.SlackExchangeRetention;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The exchange log is kept for the retention (30 days by default) and no longer, by the scheduler's sweep. */
class SlackExchangeRetentionIT extends SlackEndToEnd {

    @Autowired
    DueWorkSweep sweep;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate batch;

    private final String marker = UUID.randomUUID().toString().substring(0, 8);

    private void logged(int lines, String name, Instant at) {
        batch.batchUpdate(
                "insert into slack_exchange (at, direction, name, request_id, outcome) "
                        + "values (?, 'out', ?, ?, 'ok')",
                IntStream.range(0, lines)
                        .mapToObj(i -> new Object[] {at.atOffset(ZoneOffset.UTC), name, marker})
                        .toList());
    }

    private List<String> kept() {
        return jdbc.sql("select distinct name from slack_exchange where request_id = ? order by name")
                .param(marker)
                .query(String.class)
                .list();
    }

    private long count(String name) {
        return jdbc.sql("select count(*) from slack_exchange where request_id = ? and name = ?")
                .params(marker, name)
                .query(Long.class)
                .single();
    }

    @Test
    void theSweepDeletesOnlyExchangesOlderThanTheRetentionInBatches() {
        // given: more old lines than one batch deletes, and lines on either side of the cut-off
        Instant now = Instant.now();
        logged(SlackExchangeRetention.BATCH * 2 + 500, "chat.postMessage old", now.minus(Duration.ofDays(45)));
        logged(1, "chat.update just too old", now.minus(Duration.ofDays(30)).minusSeconds(60));
        logged(
                1,
                "chat.update just young enough",
                now.minus(Duration.ofDays(30)).plusSeconds(60));
        logged(3, "chat.postMessage today", now.minus(Duration.ofHours(2)));

        // when
        sweep.runAt(now);

        // then
        assertThat(kept()).containsExactly("chat.postMessage today", "chat.update just young enough");
        assertThat(count("chat.postMessage today")).isEqualTo(3);
    }
}
