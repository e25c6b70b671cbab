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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack down while the server dies: the notifications it owed are in the database, and the next server sends them
 * once Slack is back, each once.
 */
class SlackDeliveryRestartIT {

    private static final String TOKEN = "slack-restart-token-4e1a-0123456789abcdef";

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
    void notificationsOwedWhenTheServerWasKilledAreSentByTheNextOneOnTheEmbeddedDatabase() {
        owedNotificationsSurviveAKill(settings(Map.of()));
    }

    @Test
    void notificationsOwedWhenTheServerWasKilledAreSentByTheNextOneOnPostgres() {
        owedNotificationsSurviveAKill(settings(Map.of(
                "COUNTERSIGN_DB_URL",
                TestPostgres.freshDatabase("slack_restart"),
                "COUNTERSIGN_DB_USER",
                TestPostgres.USER,
                "COUNTERSIGN_DB_PASSWORD",
                TestPostgres.PASSWORD)));
    }

    private void owedNotificationsSurviveAKill(Map<String, String> settings) {
        EmulatedUser alice = slack.addUser("alice", "alice@restart.example.com");
        EmulatedUser bob = slack.addUser("bob", "bob@restart.example.com");
        EmulatedUser carol = slack.addUser("carol", "carol@restart.example.com");

        // given Slack is down and the server owes bob and carol a DM
        slack.outage("*", Duration.ofMinutes(10));
        ServerProcess first = servers.start(settings);
        ApiClient api = ApiClient.onPort(first.baseUrl().getPort(), TOKEN);
        String id = api.create(NewRequestBody.request("Resize prod cluster", alice.email())
                        .levelOfAll(bob.email(), carol.email()))
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> !slack.calls().isEmpty());

        // when the server is killed, Slack comes back, and a new server starts on the same database
        first.kill();
        slack.outage("*", Duration.ZERO);
        ServerProcess second = servers.start(settings);

        // then both DMs arrive, once each
        for (EmulatedUser approver : List.of(bob, carol)) {
            EmulatedMessage dm = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> slack.dms(approver.id()).stream()
                                    .filter(m -> m.blocksJson().contains(id))
                                    .findFirst()
                                    .orElse(null),
                            m -> m != null);
            assertThat(dm.buttons()).contains("approve", "reject");
        }
        assertThat(slack.dms(bob.id())).hasSize(1);
        assertThat(slack.dms(carol.id())).hasSize(1);
        assertThat(ApiClient.onPort(second.baseUrl().getPort(), TOKEN)
                        .fetch(id)
                        .path("status")
                        .asString())
                .isEqualTo("pending");
    }

    private Map<String, String> settings(Map<String, String> database) {
        Map<String, String> settings = servers.settings(dataDir, TOKEN, database);
        // Shorter than the defaults (2 min, 60 s), so the test need not wait for a task the killed server held
        // or for a long backoff it had reached; the mechanism is the same.
        settings.put("COUNTERSIGN_SLACK_DISPATCHER_LEASE", "8s");
        settings.put("COUNTERSIGN_SLACK_RETRY_MAX_BACKOFF", "4s");
        return settings;
    }
}
