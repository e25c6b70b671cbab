package dev.countersign.slack;

import static org.awaitility.Awaitility.await;

import dev.countersign.api.ApiClient;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.SlackEmulator;
import dev.countersign.slack.store.SlackExchangeLog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An end-to-end test against the {@link SlackApp}: the emulator sends clicks to the app's Request URL, the API is
 * called over HTTP, and every test has a {@link Team} of its own.
 */
@SlackApp
abstract class SlackEndToEnd {

    @LocalServerPort
    int port;

    @Autowired
    private JdbcClient database;

    @Autowired
    private SlackExchangeLog exchangeLog;

    final SlackEmulator slack = EmulatedSlack.emulator();
    ApiClient api;
    Team team;
    SlackBacklog backlog;

    @BeforeEach
    void connect() {
        pointSlackAtTheApp();
        api = ApiClient.onPort(port, SlackApp.TOKEN);
        team = Team.fresh(slack);
        backlog = new SlackBacklog(database);
    }

    void pointSlackAtTheApp() {
        slack.requestUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
    }

    /** Sends clicks nowhere, so that a test can capture one (signed, complete) without it taking effect. */
    void pointSlackNowhere() {
        slack.requestUrl(URI.create("http://127.0.0.1:9/nowhere"));
    }

    JsonNode awaitRequest(String id, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.fetch(id), condition::test);
    }

    JsonNode awaitStatus(String id, String status) {
        return awaitRequest(id, r -> r.path("status").asString().equals(status));
    }

    /** The outcomes the exchange log gives the callbacks about the request that the app has handled, oldest first. */
    List<String> callbackOutcomes(String id) {
        return exchangeLog.of(id).stream()
                .filter(exchange -> exchange.direction().equals("in"))
                .map(SlackExchanges.Exchange::outcome)
                .toList();
    }

    /**
     * Waits until the app has handled {@code count} callbacks about the request (clicks are handled after the ack,
     * so the answer to Slack says nothing about it), and returns their outcomes.
     */
    List<String> awaitCallbacksHandled(String id, int count) {
        return await("callbacks about " + id + " handled")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> callbackOutcomes(id), outcomes -> outcomes.size() >= count);
    }

    /**
     * The outcomes of the user's callbacks that the app has handled, oldest first, including those it could not tie
     * to a request (a repeated delivery is recognised before its request is looked at).
     */
    List<String> callbackOutcomesFrom(EmulatedUser user) {
        exchangeLog.flush();
        return database.sql(
                        "select outcome from slack_exchange where direction = 'in' and slack_user = ? " + "order by id")
                .param(user.id())
                .query(String.class)
                .list();
    }
}
