package dev.countersign.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.Email;
import dev.countersign.approval.RequestId;
import dev.countersign.delivery.Delivery.AskApprover;
import dev.countersign.delivery.Delivery.AskDelegate;
import dev.countersign.delivery.Delivery.ChannelProgress;
import dev.countersign.delivery.Delivery.Escalate;
import dev.countersign.delivery.Delivery.PostToChannel;
import dev.countersign.delivery.Delivery.PublishHome;
import dev.countersign.delivery.Delivery.Refresh;
import dev.countersign.delivery.Delivery.Remind;
import dev.countersign.delivery.Delivery.TellApproved;
import dev.countersign.delivery.Delivery.TellExecutable;
import dev.countersign.delivery.Delivery.TellExpired;
import dev.countersign.delivery.Delivery.TellRejected;
import dev.countersign.delivery.Delivery.TellUnreachable;
import dev.countersign.delivery.Delivery.UrgentReport;
import dev.countersign.testing.TestPostgres;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The typed outbox keeps every kind as it was queued, and an upgrade carries the Slack outbox's open tasks over with
 * their notes turned into typed fields, in their order, on both databases.
 */
class DeliveryOutboxMigrationIT {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final RequestId A = new RequestId("a".repeat(32));
    private static final RequestId B = new RequestId("b".repeat(32));
    private static final Email BOB = new Email("bob@example.com");
    private static final Email DAVE = new Email("dave@example.com");
    private static final Email ALICE = new Email("alice@example.com");

    private static DataSource database(String vendor) {
        if (vendor.equals("postgresql")) {
            return new DriverManagerDataSource(
                    TestPostgres.freshDatabase("outbox_upgrade"), TestPostgres.USER, TestPostgres.PASSWORD);
        }
        return new DriverManagerDataSource(
                "jdbc:h2:mem:outbox-upgrade-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "",
                "");
    }

    private static void migrate(DataSource dataSource, String vendor, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .target(target)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load()
                .migrate();
    }

    private static List<Delivery> everyKind() {
        return List.of(
                new AskApprover(A, BOB, 1),
                new AskDelegate(A, DAVE, 1, BOB),
                new PostToChannel(A, "#deploys"),
                new ChannelProgress(A, "#deploys", ":x: Rejected by bob:\n> \"no\" \\ <!here>"),
                new TellRejected(A, ALICE),
                new TellApproved(A, ALICE),
                new TellExecutable(A, DAVE),
                new TellUnreachable(A, BOB),
                new Refresh(A),
                new PublishHome("U0BOB"),
                new TellExpired(A, ALICE),
                new Remind(A, BOB, 2, 1, 3, null),
                new Remind(A, DAVE, 2, 2, 3, BOB),
                new Escalate(A, "#oncall", 2, 3),
                new UrgentReport(A, BOB, 1, null),
                new UrgentReport(A, DAVE, 1, BOB));
    }

    @Test
    void theFamilyHasOneRecordPerKindItsTestsCover() {
        // given / when
        List<Class<?>> kinds = Arrays.asList(Delivery.class.getPermittedSubclasses());

        // then: a kind added to the family is added here too, so that it is stored and read back
        assertThat(everyKind().stream().map(Object::getClass).distinct()).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyKindComesBackAsItWasQueued(String vendor) {
        // given
        DataSource dataSource = database(vendor);
        migrate(dataSource, vendor, "latest");
        DeliveryOutbox outbox =
                new DeliveryOutbox(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), event -> {});

        // when: each in a lane of its own, so that all are ready at once
        for (Delivery delivery : everyKind()) {
            outbox.add(List.of(delivery), NOW);
            List<Queued<Delivery>> ready = outbox.ready(NOW, 10, List.of(Channel.SLACK));

            // then
            assertThat(ready).extracting(Queued::delivery).containsExactly(delivery);
            outbox.done(ready.getFirst(), NOW, "sent");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anUpgradeCarriesTheOpenSlackTasksOverTypedAndInOrder(String vendor) {
        // given: the Slack outbox as version 16 left it, with a finished task and open ones of every note's shape
        DataSource dataSource = database(vendor);
        migrate(dataSource, vendor, "16");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String a = A.value();
        String b = B.value();
        Object[][] tasks = {
            {a, "ASK_APPROVER", BOB.value(), 1, null, "2026-12-01T09:00:00Z"},
            {a, "TELL_APPROVED", ALICE.value(), null, null, null},
            {b, "POST_TO_CHANNEL", "#deploys", null, null, null},
            {a, "ASK_DELEGATE", DAVE.value(), 1, BOB.value(), null},
            {b, "CHANNEL_PROGRESS", "#deploys", null, ":x: Rejected by bob:\n> \"no\"", null},
            {a, "TELL_UNREACHABLE", null, null, "ghost@example.com", null},
            {a, "REMIND", BOB.value(), 2, "1/3", null},
            {a, "REMIND", DAVE.value(), 2, "2/3 for bob@example.com", null},
            {a, "ESCALATE", "#oncall", 2, "3 reminders", null},
            {a, "URGENT_REPORT", BOB.value(), 1, "1/1", null},
            {a, "URGENT_REPORT", DAVE.value(), 1, "1/1 for bob@example.com", null},
            {"home:U0BOB", "PUBLISH_HOME", "U0BOB", null, null, null},
            {b, "REFRESH", null, null, null, null},
        };
        for (Object[] task : tasks) {
            jdbc.sql("""
                            insert into slack_outbox (request_id, task, recipient, level_number, note, created_at,
                                                      due_at, done_at, attempts)
                            values (?, ?, ?, ?, ?, ?, ?, ?, 2)
                            """)
                    .params(
                            task[0],
                            task[1],
                            task[2],
                            task[3],
                            task[4],
                            NOW.atOffset(ZoneOffset.UTC),
                            NOW.atOffset(ZoneOffset.UTC),
                            task[5] == null
                                    ? null
                                    : Instant.parse((String) task[5]).atOffset(ZoneOffset.UTC))
                    .update();
        }

        // when
        migrate(dataSource, vendor, "18");

        // then: the open ones, typed, in the order they were queued
        DeliveryOutbox outbox = new DeliveryOutbox(jdbc, new JdbcTemplate(dataSource), event -> {});
        List<Delivery> expected = List.of(
                new TellApproved(A, ALICE),
                new PostToChannel(B, "#deploys"),
                new AskDelegate(A, DAVE, 1, BOB),
                new ChannelProgress(B, "#deploys", ":x: Rejected by bob:\n> \"no\""),
                new TellUnreachable(A, new Email("ghost@example.com")),
                new Remind(A, BOB, 2, 1, 3, null),
                new Remind(A, DAVE, 2, 2, 3, BOB),
                new Escalate(A, "#oncall", 2, 3),
                new UrgentReport(A, BOB, 1, null),
                new UrgentReport(A, DAVE, 1, BOB),
                new PublishHome("U0BOB"),
                new Refresh(B));
        List<Delivery> drained = new ArrayList<>();
        List<Queued<Delivery>> ready;
        while (!(ready = outbox.ready(NOW, 1, List.of(Channel.SLACK))).isEmpty()) {
            assertThat(ready.getFirst().attempts()).isEqualTo(2);
            drained.add(ready.getFirst().delivery());
            outbox.done(ready.getFirst(), NOW, "sent");
        }
        assertThat(drained).containsExactlyElementsOf(expected);
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'slack_outbox'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
