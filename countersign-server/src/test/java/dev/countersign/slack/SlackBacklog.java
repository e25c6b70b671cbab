package dev.countersign.slack;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the app still has to send to Slack about some requests, as its outbox says. A test that asserts that nothing
 * (more) was sent waits for this to be empty first: whatever was queued, rightly or wrongly, has reached the
 * emulator by then, so "nothing arrived" means nothing was queued, not that the dispatcher had not got to it yet.
 */
record SlackBacklog(JdbcClient jdbc) {

    /** Deliveries in these lanes (request ids, or a Home tab's {@code home:<user>}) not finished yet. */
    long openTasks(List<String> requestIds) {
        return jdbc.sql("select count(*) from delivery_outbox where lane in (:ids) and done_at is null")
                .param("ids", requestIds)
                .query(Long.class)
                .single();
    }

    /** Waits until every task queued so far about the requests is finished. */
    void awaitSent(String... requestIds) {
        awaitSent(List.of(requestIds));
    }

    void awaitSent(List<String> requestIds) {
        await("Slack tasks about " + requestIds + " finished")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> openTasks(requestIds) == 0);
    }
}
