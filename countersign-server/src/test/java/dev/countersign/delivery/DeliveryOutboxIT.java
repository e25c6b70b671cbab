package dev.countersign.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.RequestId;
import dev.countersign.delivery.Delivery.PostToChannel;
import dev.countersign.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The outbox's promises to the dispatcher, on both databases: a request's tasks come out one at a time, oldest
 * first, only when due and nobody holds them, and a claim refuses whatever changed since the task was found.
 */
class DeliveryOutboxIT {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static DeliveryOutbox outboxOn(String database) {
        DriverManagerDataSource dataSource;
        String vendor;
        if (database.equals("postgresql")) {
            dataSource = new DriverManagerDataSource(
                    TestPostgres.freshDatabase("outbox"), TestPostgres.USER, TestPostgres.PASSWORD);
            vendor = "postgresql";
        } else {
            // As application.yaml opens the embedded database.
            dataSource = new DriverManagerDataSource(
                    "jdbc:h2:mem:outbox-" + UUID.randomUUID()
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    "",
                    "");
            vendor = "h2";
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load()
                .migrate();
        return new DeliveryOutbox(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), event -> {});
    }

    private static final List<Channel> SLACK = List.of(Channel.SLACK);

    private static Delivery task(String request, String recipient) {
        return new PostToChannel(new RequestId(request), recipient);
    }

    private static List<String> recipients(List<Queued<Delivery>> tasks) {
        return tasks.stream().map(task -> task.delivery().to()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eachRequestsOldestOpenTaskComesOutOldestFirstAndOnlyOnceTheOneBeforeIsDone(String database) {
        // given: three requests' tasks, queued interleaved, in one batch
        DeliveryOutbox outbox = outboxOn(database);
        String a = "a".repeat(32);
        String b = "b".repeat(32);
        String c = "c".repeat(32);
        outbox.add(List.of(task(a, "a1"), task(b, "b1"), task(a, "a2"), task(c, "c1"), task(c, "c2")), NOW);

        // then: the head of each request, in the order queued
        List<Queued<Delivery>> ready = outbox.ready(NOW, 10, SLACK);
        assertThat(recipients(ready)).containsExactly("a1", "b1", "c1");
        assertThat(recipients(outbox.ready(NOW, 2, SLACK))).containsExactly("a1", "b1");

        // when: a1 is taken, c1 is done
        assertThat(outbox.claim(ready.get(0), NOW, LEASE)).isTrue();
        outbox.done(ready.get(2), NOW, null);

        // then: a's next waits for a1; c's next is its head now
        assertThat(recipients(outbox.ready(NOW, 10, SLACK))).containsExactly("b1", "c2");

        // when: a1 is done
        outbox.done(ready.get(0), NOW, null);

        // then: oldest first, whichever request
        assertThat(recipients(outbox.ready(NOW, 10, SLACK))).containsExactly("b1", "a2", "c2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClaimRefusesATaskThatWasTakenFinishedOrPutOffSinceItWasFound(String database) {
        // given: three requests' heads, found ready
        DeliveryOutbox outbox = outboxOn(database);
        outbox.add(
                List.of(
                        task("1".repeat(32), "taken"),
                        task("2".repeat(32), "finished"),
                        task("3".repeat(32), "put off")),
                NOW);
        List<Queued<Delivery>> found = outbox.ready(NOW, 10, SLACK);
        assertThat(recipients(found)).containsExactly("taken", "finished", "put off");

        // when: another node takes the first, finishes the second, and puts the third off after a failure
        assertThat(outbox.claim(found.get(0), NOW, LEASE)).isTrue();
        outbox.done(found.get(1), NOW, null);
        outbox.retryAt(found.get(2), NOW.plus(Duration.ofMinutes(1)), "ratelimited");

        // then: none of them can be claimed from what was found; the put-off one once it is due again
        Instant soon = NOW.plusSeconds(1);
        assertThat(found)
                .allSatisfy(task -> assertThat(outbox.claim(task, soon, LEASE)).isFalse());
        assertThat(outbox.ready(soon, 10, SLACK)).isEmpty();
        Instant later = NOW.plus(Duration.ofMinutes(1));
        assertThat(recipients(outbox.ready(later, 10, SLACK))).containsExactly("put off");
        assertThat(outbox.claim(found.get(2), later, LEASE)).isTrue();
    }

    /**
     * After a sweep queues thousands of tasks at once, the heads still come out right, when the statement's plan
     * was made while the outbox held one task (the driver prepares a statement on the server after a few uses, and
     * PostgreSQL may keep a generic plan made for the tiny table).
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBurstOfThousandsOfTasksAfterQuietTimesComesOutHeadsFirst(String database) {
        // given: a quiet outbox, looked at often
        DeliveryOutbox outbox = outboxOn(database);
        outbox.add(List.of(task("f".repeat(32), "quiet")), NOW);
        for (int look = 0; look < 12; look++) {
            assertThat(outbox.ready(NOW, 64, SLACK)).hasSize(1);
        }

        // when: 6,000 tasks for 4,000 requests arrive
        List<Delivery> burst = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            burst.add(task("%032x".formatted(i % 4_000), "task-" + i));
        }
        outbox.add(burst, NOW);

        // then: the oldest 64 heads, in order: the quiet one, then the first task of each new request
        List<Queued<Delivery>> ready = outbox.ready(NOW, 64, SLACK);
        assertThat(recipients(ready)).first().isEqualTo("quiet");
        assertThat(recipients(ready).subList(1, 64))
                .containsExactlyElementsOf(
                        IntStream.range(0, 63).mapToObj(i -> "task-" + i).toList());
    }
}
