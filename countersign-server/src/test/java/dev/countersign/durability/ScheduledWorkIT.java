package dev.countersign.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.ApiClient;
import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.SlackEmulator;
import dev.countersign.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The scheduler as real servers run it, on real time: two instances on one PostgreSQL fire each piece of due work
 * once between them, and a reminder that fell due while the only server was down is sent once one is back.
 */
class ScheduledWorkIT {

    private static final String TOKEN = "schedule-cluster-token-7a2f-0123456789abcdef";
    /** How often type "nightly" reminds. */
    private static final Duration REMIND_EVERY = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;

    @RegisterExtension
    final SlackAndServers servers = new SlackAndServers();

    private SlackEmulator slack;

    @BeforeEach
    void connect() {
        slack = servers.slack();
    }

    @Test
    void twoInstancesOnOnePostgresFireEachReminderEscalationExpiryAndReportOnce() throws SQLException {
        EmulatedUser alice = slack.addUser("alice", "alice@cluster.example.com");
        EmulatedUser bob = slack.addUser("bob", "bob@cluster.example.com");
        EmulatedUser dave = slack.addUser("dave", "dave@cluster.example.com");

        // given: two servers on one database, sweeping every second; "nightly" reminds every 3 s, twice, then
        // escalates to dave; "quick" expires after 4 s; the urgent report fires in about 25 s
        String database = TestPostgres.freshDatabase("schedule_cluster");
        LocalTime reportAt = LocalTime.now(ZoneOffset.UTC).plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> settings = settings(
                Map.of(
                        "COUNTERSIGN_DB_URL",
                        database,
                        "COUNTERSIGN_DB_USER",
                        TestPostgres.USER,
                        "COUNTERSIGN_DB_PASSWORD",
                        TestPostgres.PASSWORD,
                        "COUNTERSIGN_URGENT_REPORT_TIME",
                        reportAt.toString()),
                true);
        ServerProcess first = servers.start(settings);
        ServerProcess second = servers.start(settings);
        ApiClient viaFirst = ApiClient.onPort(first.baseUrl().getPort(), TOKEN);
        ApiClient viaSecond = ApiClient.onPort(second.baseUrl().getPort(), TOKEN);

        // when: a request to remind, one to expire, and an urgent one made two days ago (moved back in the database)
        String reminded = viaFirst.create(NewRequestBody.request("Rotate backups", alice.email())
                        .with("type", "nightly")
                        .levelOfAll(bob.email()))
                .path("id")
                .asString();
        String expiring = viaSecond
                .create(NewRequestBody.request("Flush the CDN", alice.email())
                        .with("type", "quick")
                        .levelOfAll(bob.email()))
                .path("id")
                .asString();
        String urgent = viaFirst.create(NewRequestBody.request("Hotfix login", alice.email())
                        .urgent()
                        .levelOfAll(bob.email()))
                .path("id")
                .asString();
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            db.createStatement()
                    .executeUpdate("update approval_request set created_at = created_at - interval "
                            + "'2 days' where id = '" + urgent + "'");
        }

        // then: bob gets the two reminders, dave one escalation, alice one expiry notice, bob one urgent report
        EmulatedMessage toBob = dmAbout(bob, reminded);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> repliesTo(toBob).size() >= 2
                        && !dmsAbout(dave, reminded).isEmpty()
                        && !dmsAbout(alice, expiring).isEmpty()
                        && dmsAbout(bob, urgent).stream()
                                .anyMatch(m -> m.visibleText().contains("Daily reminder")));
        // A whole sweep ran after all of that, the report's firing is done and planned for tomorrow, and all that
        // was queued about the three requests is sent: a double firing would have shown by now.
        awaitAWholeSweepAfter(database, Instant.now());
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> query(database, """
                select count(*) from scheduled_tasks where task_name = 'urgent-report' and not picked
                  and last_success is not null and execution_time > current_timestamp + interval '12 hours'
                """) == 1);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> query(
                                database,
                                "select count(*) from delivery_outbox where done_at is null and request_id in ('"
                                        + reminded + "', '" + expiring + "', '" + urgent + "')")
                        == 0);
        assertThat(repliesTo(toBob))
                .extracting(
                        m -> m.visibleText().contains("Reminder 1 of 2"),
                        m -> m.visibleText().contains("Reminder 2 of 2"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(true, false),
                        org.assertj.core.groups.Tuple.tuple(false, true));
        assertThat(dmsAbout(dave, reminded)).hasSize(1);
        assertThat(dmsAbout(alice, expiring)).hasSize(1);
        assertThat(dmsAbout(alice, expiring).getFirst().visibleText()).contains("Your request expired");
        assertThat(dmsAbout(bob, urgent))
                .filteredOn(m -> m.visibleText().contains("Daily reminder"))
                .hasSize(1);
        assertThat(viaSecond.fetch(expiring).path("status").asString()).isEqualTo("expired");
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD)) {
            var rs = db.createStatement()
                    .executeQuery("select kind, count(*) from delivery_outbox where request_id in ('"
                            + reminded + "', '" + expiring + "', '" + urgent + "') and kind in ('REMIND', 'ESCALATE', "
                            + "'TELL_EXPIRED', 'URGENT_REPORT') group by kind order by kind");
            Map<String, Integer> queued = new HashMap<>();
            while (rs.next()) {
                queued.put(rs.getString(1), rs.getInt(2));
            }
            assertThat(queued)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("ESCALATE", 1, "REMIND", 2, "TELL_EXPIRED", 1, "URGENT_REPORT", 1));
        }
    }

    @Test
    void aReminderThatFellDueWhileTheServerWasDownIsSentAfterStart() {
        EmulatedUser alice = slack.addUser("alice", "alice@restart.example.com");
        EmulatedUser bob = slack.addUser("bob", "bob@restart.example.com");

        // given: a request whose first reminder is due 3 s after it is made; the server dies before then
        // A send the kill cuts off (the DM posted, not yet marked sent) holds the request's tasks for the lease.
        Map<String, String> settings = settings(Map.of("COUNTERSIGN_SLACK_DISPATCHER_LEASE", "3s"), false);
        ServerProcess first = servers.start(settings);
        JsonNode created = ApiClient.onPort(first.baseUrl().getPort(), TOKEN)
                .create(NewRequestBody.request("Renew the TLS certificate", alice.email())
                        .with("type", "nightly")
                        .levelOfAll(bob.email()));
        String id = created.path("id").asString();
        Instant reminderDue =
                Instant.parse(created.path("createdAt").asString()).plus(REMIND_EVERY);
        EmulatedMessage toBob = dmAbout(bob, id);
        first.kill();
        assertThat(repliesTo(toBob)).isEmpty();

        // when: the reminder's time passes while nothing runs, then a server starts on the same database
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(reminderDue.plusMillis(500)));
        servers.start(settings);

        // then: the reminder is sent, in the thread of bob's DM
        await().atMost(Duration.ofSeconds(40)).until(() -> !repliesTo(toBob).isEmpty());
        assertThat(repliesTo(toBob).getFirst().visibleText()).contains("Reminder 1 of 2");
    }

    /** Waits until a sweep that started after {@code seen} has finished, on whichever instance ran it. */
    private static void awaitAWholeSweepAfter(String database, Instant seen) {
        Instant finishedAfter = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lastSweep(database), last -> last != null && last.isAfter(seen));
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lastSweep(database), last -> last.isAfter(finishedAfter));
    }

    private static Instant lastSweep(String database) throws SQLException {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD);
                var rs = db.createStatement()
                        .executeQuery("select last_success from scheduled_tasks where task_name = 'due-work-sweep'")) {
            if (!rs.next()) {
                return null;
            }
            var at = rs.getObject(1, java.time.OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
    }

    private static long query(String database, String count) throws SQLException {
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD);
                var rs = db.createStatement().executeQuery(count)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private EmulatedMessage dmAbout(EmulatedUser user, String id) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> dmsAbout(user, id).stream().findFirst().orElse(null), m -> m != null);
    }

    private List<EmulatedMessage> dmsAbout(EmulatedUser user, String id) {
        return slack.dms(user.id()).stream()
                .filter(m -> m.blocksJson() != null && m.blocksJson().contains(id))
                .toList();
    }

    private List<EmulatedMessage> repliesTo(EmulatedMessage message) {
        return slack.thread(message.channel(), message.ts()).stream()
                .filter(m -> !m.ts().equals(message.ts()))
                .toList();
    }

    private Map<String, String> settings(Map<String, String> database, boolean escalate) {
        Map<String, String> settings = servers.settings(dataDir, TOKEN, database);
        settings.put("COUNTERSIGN_SCHEDULE_SWEEP_INTERVAL", "1s");
        settings.put("SPRING_APPLICATION_JSON", """
                {"countersign": {"types": {
                  "nightly": {"remind-every": "%ds", "max-reminders": 2%s},
                  "quick": {"expires-after": "4s"}}}}
                """.formatted(
                        REMIND_EVERY.toSeconds(), escalate ? ", \"escalate-to\": [\"dave@cluster.example.com\"]" : ""));
        return settings;
    }
}
