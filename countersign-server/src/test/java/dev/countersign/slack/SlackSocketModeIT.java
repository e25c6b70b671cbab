package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.util.json.GsonFactory;
import dev.countersign.api.ApiClient;
import dev.countersign.api.FreshDataDirectory;
import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.InteractionResponse;
import dev.countersign.emulator.OpenView;
import dev.countersign.emulator.SlackEmulator;
import dev.countersign.emulator.SocketDelivery;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Socket Mode end to end: the app runs with a bot token and an app-level token only (no signing secret, no
 * Request URL), connects to the emulator's Socket Mode server, and every click and submission reaches it as an
 * envelope down that socket, acknowledged there.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "countersign.api-token=" + SlackSocketModeIT.TOKEN)
@ContextConfiguration(initializers = {FreshDataDirectory.class, SocketModeSlack.class})
class SlackSocketModeIT {

    static final String TOKEN = "cs-socket-test-token-8e21-0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    final SlackEmulator slack = SocketModeSlack.emulator();
    ApiClient api;
    Team team;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port, TOKEN);
        team = Team.fresh(slack);
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.socketConnections() == 1);
    }

    @Test
    void aClickOverTheSocketIsAcknowledgedAtOnceDecidesAndUpdatesTheMessageInPlace() {
        // given: no Request URL anywhere: the app takes Slack's callbacks only from its socket
        assertThat(slack.requestUrl()).isNull();
        assertThat(context.containsBean("slackEventsServlet")).isFalse();
        assertThat(api.post("/slack/events", "payload=%7B%7D").status()).isNotEqualTo(200);
        String id = api.create(NewRequestBody.request(
                                "Rotate the payments key", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);

        // when: bob clicks Approve, which the emulator sends as an envelope down the socket
        InteractionResponse click = slack.click(team.bob(), toBob, "approve");

        // then: acknowledged in time, on the socket
        assertThat(click.status()).isEqualTo(200);
        assertThat(click.acknowledgedInTime()).isTrue();
        SocketDelivery envelope = slack.socketDeliveries().getLast();
        assertThat(envelope.type()).isEqualTo("interactive");
        assertThat(envelope.payloadType()).isEqualTo("block_actions");
        assertThat(envelope.acked()).isTrue();
        assertThat(envelope.ackPayload()).isEmpty();

        // then: the decision is recorded as a Slack decision, and bob's DM changes in place
        JsonNode approved = awaitStatus(id, "approved");
        assertThat(approved.path("decisions").get(0).path("approver").asString())
                .isEqualTo(team.bob().email());
        assertThat(approved.path("decisions").get(0).path("via").asString()).isEqualTo("slack");
        team.awaitDmAbout(team.bob(), id, m -> m.visibleText().contains("Approved") && !m.hasButton("approve"));
        assertThat(team.dmsAbout(team.bob(), id))
                .hasSize(1)
                .first()
                .satisfies(m -> assertThat(m.ts()).isEqualTo(toBob.ts()));
    }

    @Test
    void aRejectionWithoutAReasonGetsItsErrorsInTheAcknowledgementAndTheModalStaysOpen() {
        // given: bob clicked Reject, and the reason modal is open
        String id = api.create(NewRequestBody.request(
                                "Drop the audit table", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        slack.click(team.bob(), team.awaitRequestDm(team.bob(), id), "reject");
        OpenView modal = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> slack.openViews(team.bob().id()).stream()
                                .findFirst()
                                .orElse(null),
                        v -> v != null);

        // when: the submission arrives without a reason (Slack's client normally insists on one; an older client
        // or a changed modal may not)
        InteractionResponse blank = slack.sendEnvelope("interactive", submissionWithoutState(modal), true);

        // then: the acknowledgement carries the errors; the modal stays; nothing is decided
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.body()).contains("\"response_action\":\"errors\"").contains("Please give a reason");
        assertThat(slack.socketDeliveries().getLast().payloadType()).isEqualTo("view_submission");
        assertThat(slack.openViews(team.bob().id())).isNotEmpty();
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("pending");

        // when: he gives a reason
        InteractionResponse submitted = slack.submitView(
                team.bob(),
                slack.openViews(team.bob().id()).getFirst(),
                Map.of("reason-input", "Auditors need it until March"));

        // then: rejected with that reason, the modal closes, alice hears why
        assertThat(submitted.acknowledgedInTime()).isTrue();
        assertThat(submitted.body()).doesNotContain("errors");
        JsonNode rejected = awaitStatus(id, "rejected");
        assertThat(rejected.path("decisions").get(0).path("reason").asString())
                .isEqualTo("Auditors need it until March");
        assertThat(slack.openViews(team.bob().id())).isEmpty();
        team.awaitDmAbout(team.alice(), id, m -> m.visibleText().contains("Auditors need it until March"));
    }

    @Test
    void afterTheConnectionDropsTheAppReconnectsAndClicksGetThroughAgain() {
        // given
        String id = api.create(NewRequestBody.request(
                                "Restart the ledger", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        int opened = slack.calls("apps.connections.open").size();

        // when: the network drops the socket
        slack.dropSocketConnections();

        // then: the app opens a new connection (with a new URL) by itself, and the click gets through
        await().atMost(Duration.ofSeconds(30))
                .until(() -> slack.socketConnections() == 1
                        && slack.calls("apps.connections.open").size() > opened);
        assertThat(slack.click(team.bob(), toBob, "approve").acknowledgedInTime())
                .isTrue();
        awaitStatus(id, "approved");
    }

    /** What Slack would send for this modal with nothing filled in, built with the SDK's model and Gson. */
    private String submissionWithoutState(OpenView modal) {
        ViewSubmissionPayload.User user = new ViewSubmissionPayload.User();
        user.setId(team.bob().id());
        View view = modal.view();
        view.setState(new ViewState(new HashMap<>()));
        ViewSubmissionPayload payload = new ViewSubmissionPayload();
        payload.setUser(user);
        payload.setView(view);
        return GsonFactory.createSnakeCase().toJson(payload);
    }

    @Test
    void healthShowsTheOpenConnectionWithoutOpeningAnotherOne() {
        // given
        int opened = slack.calls("apps.connections.open").size();

        // when
        JsonNode health = api.get("/actuator/health").json().path("components").path("slack");

        // then
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("app-token").path("detail").asString())
                .isEqualTo("Socket Mode connection to Slack is open");
        assertThat(health.path("details").has("signing-secret")).isFalse();
        assertThat(slack.calls("apps.connections.open")).hasSize(opened);
        assertThat(health.toString()).doesNotContain(slack.appToken()).doesNotContain(slack.botToken());
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.fetch(id), r -> r.path("status").asString().equals(status));
    }
}
