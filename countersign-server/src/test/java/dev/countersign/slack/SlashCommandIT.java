package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.InteractionResponse;
import dev.countersign.emulator.SlackEmulator.Delivery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /approvals}, typed in Slack: signed forms from the emulator, answered at once and only to the typist. */
class SlashCommandIT extends SlackEndToEnd {

    private String channel;

    @BeforeEach
    void aChannelToTypeIn() {
        channel = slack.addChannel("#ops-" + team.alice().id().toLowerCase());
    }

    private EmulatedMessage type(EmulatedUser user, String text) {
        int before = slack.ephemerals(user.id()).size();
        InteractionResponse response = slack.slashCommand(user, channel, "/approvals", text);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.acknowledgedInTime()).isTrue();
        List<EmulatedMessage> shown = slack.ephemerals(user.id());
        assertThat(shown).as("the answer is shown to %s only", user.name()).hasSize(before + 1);
        return shown.getLast();
    }

    private String create(String title, EmulatedUser requester, EmulatedUser... levelOne) {
        var body = NewRequestBody.request(title, requester.email())
                .level(
                        1,
                        java.util.Arrays.stream(levelOne)
                                .map(EmulatedUser::email)
                                .toArray(String[]::new));
        return api.create(body).path("id").asString();
    }

    @Test
    void listsWhatWaitsForMyDecisionAndMyOwnOpenRequests() {
        // given: bob is asked on one request, made one himself, waits for level 1 on a third, decided a fourth
        String asksBob = create("Rotate the payments key", team.alice(), team.bob());
        String bobsOwn = create("Open port 8443 on the edge", team.bob(), team.carol());
        api.create(NewRequestBody.request("Resize the cluster", team.alice().email())
                .level(1, team.carol().email())
                .levelOfAll(team.bob().email()));
        String decided = create("Purge the CDN cache", team.alice(), team.bob(), team.dave());
        api.approve(decided, team.bob().email());

        // when
        EmulatedMessage answer = type(team.bob(), "");

        // then: the request that waits for him, with the DM's buttons; his own request with its status
        assertThat(answer.visibleText())
                .contains(
                        "Waiting for your decision (1)",
                        "Rotate the payments key",
                        "Your open requests (1)",
                        "Open port 8443 on the edge",
                        "Waiting for approval at level 1 of 1");
        assertThat(answer.visibleText()).doesNotContain("Resize the cluster", "Purge the CDN cache");
        assertThat(answer.buttons()).containsExactly("approve", "reject", "details", "details");
        assertThat(answer.blocksJson()).contains("\"" + asksBob + ":1\"", "/requests/" + bobsOwn);
        assertThat(slack.ephemerals(team.alice().id())).isEmpty();
    }

    @Test
    void someoneWithNothingToDoIsToldSo() {
        EmulatedMessage answer = type(team.mallory(), "");

        assertThat(answer.visibleText())
                .contains(
                        "Waiting for your decision (0)",
                        "Nothing waits for your decision",
                        "Your open requests (0)",
                        "You have no open requests");
        assertThat(answer.buttons()).isEmpty();
    }

    @Test
    void approvingFromTheListRecordsTheDecision() {
        // given
        String id = create("Restart the billing workers", team.alice(), team.bob());
        EmulatedMessage list = type(team.bob(), "");

        // when
        InteractionResponse click = slack.click(team.bob(), list, "approve");

        // then: decided in Slack by bob, exactly as a click in the DM
        assertThat(click.acknowledgedInTime()).isTrue();
        var approved = awaitStatus(id, "approved");
        assertThat(approved.path("decisions").get(0).path("approver").asString())
                .isEqualTo(team.bob().email());
        assertThat(approved.path("decisions").get(0).path("via").asString()).isEqualTo("slack");
        assertThat(type(team.bob(), "").visibleText()).doesNotContain("Restart the billing workers");
    }

    @Test
    void showsOneRequestToThePeopleItConcerns() {
        // given
        String id = create("Grant carol admin on prod", team.alice(), team.bob());

        // when / then: the approver gets his DM's view, with buttons
        EmulatedMessage toBob = type(team.bob(), id);
        assertThat(toBob.visibleText()).contains("Grant carol admin on prod", "Level 1 of 1");
        assertThat(toBob.buttons()).containsExactly("approve", "reject", "details");

        // the requester sees its state
        EmulatedMessage toAlice = type(team.alice(), "  " + id.toUpperCase() + " ");
        assertThat(toAlice.visibleText()).contains("Grant carol admin on prod", "Waiting for approval");
        assertThat(toAlice.buttons()).containsExactly("details");

        // someone it does not concern is not shown it
        EmulatedMessage toMallory = type(team.mallory(), id);
        assertThat(toMallory.visibleText())
                .contains("You may not see request " + id)
                .doesNotContain("Grant carol admin on prod");
        assertThat(toMallory.buttons()).isEmpty();
    }

    @Test
    void saysWhenARequestDoesNotExist() {
        String missing = "0123456789abcdef0123456789abcdef";

        EmulatedMessage answer = type(team.bob(), missing);

        assertThat(answer.visibleText()).contains("There is no request " + missing);
    }

    @Test
    void helpExplainsTheCommand() {
        EmulatedMessage answer = type(team.bob(), "help");

        assertThat(answer.visibleText()).contains("/approvals <request id>", "/approvals help", "Home");
        assertThat(answer.visibleText()).doesNotContain("did not understand");
    }

    @Test
    void unknownInputGetsHelpNotAnError() {
        EmulatedMessage answer = type(team.bob(), "approve everything <now>");

        assertThat(answer.visibleText())
                .contains("did not understand `approve everything &lt;now&gt;`", "/approvals <request id>");
    }

    @Test
    void aSlackUserCountersignCannotIdentifyIsToldWhy() {
        // given: a genuine command, then the same form from a user id the workspace does not know, signed by Slack
        type(team.bob(), "");
        Delivery genuine = slack.lastDelivery();
        String stranger = genuine.body().replace("user_id=" + team.bob().id(), "user_id=U0NOBODY00");
        assertThat(stranger).isNotEqualTo(genuine.body());

        // when
        InteractionResponse response = slack.send(
                stranger,
                withHeaders(genuine, slack.signedHeaders(stranger, Instant.now().getEpochSecond())));

        // then: an answer, not an error
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("cannot tell who you are").doesNotContain("Waiting for your decision");
    }

    @Test
    void aCommandWithAForgedSignatureIsRefused() {
        // given
        create("Delete the staging database", team.alice(), team.bob());
        type(team.bob(), "");
        Delivery genuine = slack.lastDelivery();
        long now = Instant.now().getEpochSecond();
        String forged = new com.slack.api.app_backend.SlackSignature.Generator("not-the-secret")
                .generate(Long.toString(now), genuine.body());

        // when
        InteractionResponse response = slack.send(
                genuine.body(),
                withHeaders(
                        genuine, Map.of("X-Slack-Request-Timestamp", Long.toString(now), "X-Slack-Signature", forged)));
        InteractionResponse tampered = slack.send(genuine.body().replace("text=", "text=help"), genuine.headers());

        // then
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Delete the staging database");
        assertThat(tampered.status()).isEqualTo(401);
    }

    @Test
    void theEventsRequestUrlAnswersSlacksChallenge() {
        InteractionResponse response = slack.verifyRequestUrl("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void slacksCertificateCheckForTheCommandUrlIsAnswered() {
        // Slack checks the certificate of a slash command's https URL now and then with this form
        String body = "ssl_check=1&token=" + slack.settings().verificationToken();
        Map<String, String> headers =
                new HashMap<>(slack.signedHeaders(body, Instant.now().getEpochSecond()));
        headers.put("Content-Type", "application/x-www-form-urlencoded");

        InteractionResponse response = slack.send(body, headers);

        assertThat(response.status()).isEqualTo(200);
    }

    private static Map<String, String> withHeaders(Delivery genuine, Map<String, String> replacing) {
        Map<String, String> headers = new HashMap<>(genuine.headers());
        headers.putAll(replacing);
        return headers;
    }
}
