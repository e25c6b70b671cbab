package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An administrator's settings change what Slack sees at once, without a restart. */
class SlackSettingsTogglesIT extends SlackEndToEnd {

    private static final String SETTINGS = "/api/v1/settings";

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void backToTheConfiguration() {
        assertThat(api.patch(
                                SETTINGS,
                                "{\"slackNotifications\": null, \"approverDms\": null, "
                                        + "\"slackDecisions\": null, \"slackBotToken\": null, \"slackSigningSecret\": null}")
                        .status())
                .isEqualTo(200);
    }

    private String outcomeOf(String requestId, String task) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.sql(
                                        "select outcome from delivery_outbox where request_id = ? and kind = ? and done_at is not null")
                                .params(requestId, task)
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        o -> o != null);
    }

    @Test
    void withApproverDmsOffApproversAreNotDmedUntilTheyAreOnAgain() {
        // given
        assertThat(api.patch(SETTINGS, "{\"approverDms\": false, \"changedBy\": \"ops@example.com\"}")
                        .status())
                .isEqualTo(200);

        // when
        String quiet = api.create(
                        NewRequestBody.request("Grant admin role", team.alice().email())
                                .level(1, team.bob().email()))
                .path("id")
                .asString();

        // then: held back, and the outbox says why
        assertThat(outcomeOf(quiet, "ASK_APPROVER")).isEqualTo("skipped: DMs to approvers are turned off");
        assertThat(team.dmsAbout(team.bob(), quiet)).isEmpty();

        // when: turned on again, the next request is DMed at once
        api.patch(SETTINGS, "{\"approverDms\": true}");
        String asked = api.create(
                        NewRequestBody.request("Grant viewer role", team.alice().email())
                                .level(1, team.bob().email()))
                .path("id")
                .asString();

        // then
        assertThat(team.awaitRequestDm(team.bob(), asked).buttons()).contains("approve");
    }

    @Test
    void withSlackDecisionsOffMessagesCarryOnlyDetailsAndOldButtonsDecideNothing() {
        // given: a DM with buttons, sent while deciding from Slack was on
        String earlier = api.create(NewRequestBody.request(
                                "Delete idle volumes", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage withButtons = team.awaitRequestDm(team.bob(), earlier);

        // when
        api.patch(SETTINGS, "{\"slackDecisions\": false}");
        String later = api.create(NewRequestBody.request(
                                "Delete idle snapshots", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();

        // then: new messages carry only the Details link
        assertThat(team.awaitRequestDm(team.bob(), later).buttons()).containsExactly("details");

        // and a click on the old button is refused, in a message only bob sees
        slack.click(team.bob(), withButtons, "approve");
        String told = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> slack.ephemerals(team.bob().id()).stream()
                                .map(EmulatedMessage::text)
                                .reduce((a, b) -> b)
                                .orElse(null),
                        text -> text != null);
        assertThat(told).contains("Deciding from Slack is turned off");
        assertThat(api.fetch(earlier).path("status").asString()).isEqualTo("pending");
        assertThat(api.fetch(earlier).path("decisions")).isEmpty();
    }

    @Test
    void withNotificationsOffNobodyIsDmedButDecisionsStillCount() {
        // given
        api.patch(SETTINGS, "{\"slackNotifications\": false}");

        // when: a request is made and approved through the API
        String id = api.create(
                        NewRequestBody.request("Run data export", team.alice().email())
                                .level(1, team.bob().email()))
                .path("id")
                .asString();
        assertThat(outcomeOf(id, "ASK_APPROVER")).isEqualTo("skipped: Slack DM notifications are turned off");
        api.approve(id, team.bob().email());

        // then: approved, and alice was not DMed about it
        assertThat(outcomeOf(id, "TELL_APPROVED")).isEqualTo("skipped: Slack DM notifications are turned off");
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("approved");
        assertThat(team.dmsAbout(team.alice(), id)).isEmpty();
        assertThat(team.dmsAbout(team.bob(), id)).isEmpty();
    }

    @Test
    void aBotTokenStoredByAnAdministratorIsUsedForTheNextCallAndClearingItRestoresTheConfiguredOne() {
        // given: a token Slack does not know, stored through the API
        api.patch(SETTINGS, "{\"slackBotToken\": \"xoxb-rotated-but-revoked-0000\"}");

        // when
        String refused = api.create(
                        NewRequestBody.request("Rotate keys", team.alice().email())
                                .level(1, team.bob().email()))
                .path("id")
                .asString();

        // then: the very next call used it, and Slack's refusal is on the request
        awaitRequest(refused, r -> r.path("deliveryProblems").toString().contains("invalid_auth"));
        assertThat(team.dmsAbout(team.bob(), refused)).isEmpty();

        // when: cleared, the configured token is in force again
        api.patch(SETTINGS, "{\"slackBotToken\": null}");
        String delivered = api.create(
                        NewRequestBody.request("Rotate keys again", team.alice().email())
                                .level(1, team.bob().email()))
                .path("id")
                .asString();

        // then
        assertThat(team.awaitRequestDm(team.bob(), delivered).buttons()).contains("approve");
    }

    @Test
    void aSigningSecretStoredByAnAdministratorChecksTheNextCallback() {
        // given: a DM, and then a new signing secret that Slack (the emulator) does not sign with
        String id = api.create(NewRequestBody.request(
                                "Open firewall port", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage dm = team.awaitRequestDm(team.bob(), id);
        api.patch(SETTINGS, "{\"slackSigningSecret\": \"a-new-signing-secret-4c3b\"}");

        // when / then: the click, signed with the old secret, is refused and decides nothing
        assertThat(slack.click(team.bob(), dm, "approve").status()).isEqualTo(401);
        assertThat(api.fetch(id).path("decisions")).isEmpty();

        // when: cleared, the configured secret is in force again
        api.patch(SETTINGS, "{\"slackSigningSecret\": null}");

        // then
        assertThat(slack.click(team.bob(), dm, "approve").status()).isEqualTo(200);
        awaitStatus(id, "approved");
    }
}
