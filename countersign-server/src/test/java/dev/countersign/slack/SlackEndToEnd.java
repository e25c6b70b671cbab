package dev.countersign.slack;

import dev.countersign.api.ApiClient;
import dev.countersign.emulator.SlackEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * An end-to-end test against the {@link SlackApp}: the emulator sends clicks to the app's Request URL, the API is
 * called over HTTP, and every test has a {@link Team} of its own.
 */
@SlackApp
abstract class SlackEndToEnd {

    @LocalServerPort
    int port;

    final SlackEmulator slack = EmulatedSlack.emulator();
    ApiClient api;
    Team team;

    @BeforeEach
    void connect() {
        pointSlackAtTheApp();
        api = ApiClient.onPort(port, SlackApp.TOKEN);
        team = Team.fresh(slack);
    }

    void pointSlackAtTheApp() {
        slack.requestUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
    }

    /** Sends clicks nowhere, so that a test can capture one (signed, complete) without it taking effect. */
    void pointSlackNowhere() {
        slack.requestUrl(URI.create("http://127.0.0.1:9/nowhere"));
    }

    JsonNode awaitRequest(String id, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.fetch(id), condition::test);
    }

    JsonNode awaitStatus(String id, String status) {
        return awaitRequest(id, r -> r.path("status").asString().equals(status));
    }
}
