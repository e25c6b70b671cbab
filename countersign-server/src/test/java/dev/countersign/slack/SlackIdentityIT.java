package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.HomeTab;
import dev.countersign.emulator.InteractionResponse;
import dev.countersign.emulator.OpenView;
import dev.countersign.slack.render.OverviewBlocks;
import dev.countersign.slack.render.RequestMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who clicked is checked two ways before a click counts: the payload comes from the installed workspace, and
 * Slack's {@code users.info} shows an active human member with a confirmed ASCII email that
 * {@code users.lookupByEmail} leads back to the same account. Whoever fails is told why, and nothing changes.
 */
class SlackIdentityIT extends SlackEndToEnd {

    @AfterEach
    void configuredTokenAgain() {
        assertThat(api.patch("/api/v1/settings", "{\"slackBotToken\": null}").status())
                .isEqualTo(200);
    }

    private String singleApproverRequest(EmulatedUser approver) {
        return api.create(NewRequestBody.request(
                                "Restart the payment workers", team.alice().email())
                        .level(1, approver.email()))
                .path("id")
                .asString();
    }

    private String awaitEphemeral(EmulatedUser user) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> slack.ephemerals(user.id()).stream()
                                .map(EmulatedMessage::text)
                                .reduce((a, b) -> b)
                                .orElse(null),
                        text -> text != null);
    }

    /**
     * The app handled the callback (the exchange log has its outcome) and did not accept it: so the request, still
     * pending with no decision, stays so.
     */
    private void assertNothingChanged(String id) {
        List<String> handled = await().atMost(Duration.ofSeconds(10))
                .until(() -> callbackOutcomes(id), outcomes -> outcomes.stream().anyMatch(SlackIdentityIT::refusal));
        assertThat(handled).doesNotContain("accepted");
        assertThat(api.fetch(id).path("decisions")).isEmpty();
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("pending");
    }

    private static boolean refusal(String outcome) {
        return outcome.startsWith("refused") || outcome.startsWith("failed");
    }

    /** The approver's account is changed in Slack after their DM arrived; then they click Approve on it. */
    private String approverClicksAfterSlackSays(UnaryOperator<EmulatedUser> change) {
        String id = singleApproverRequest(team.bob());
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        EmulatedUser changed = slack.changeUser(team.bob(), change);

        InteractionResponse click = slack.click(changed, toBob, "approve");

        assertThat(click.status()).isEqualTo(200);
        return id;
    }

    @Test
    void aClickFromAnotherWorkspaceIsRefusedAndChangesNothing() {
        String id = singleApproverRequest(team.bob());
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);

        InteractionResponse click = slack.clickFromTeam("T0OTHERWS1", team.bob(), toBob, "approve");

        assertThat(click.status()).isEqualTo(200);
        assertThat(awaitEphemeral(team.bob()))
                .contains("another Slack workspace")
                .contains("Details page");
        assertNothingChanged(id);
    }

    @Test
    void aBotIsRefused() {
        String id = approverClicksAfterSlackSays(EmulatedUser::asBot);

        assertThat(awaitEphemeral(team.bob())).contains("Bots and apps cannot decide");
        assertNothingChanged(id);
    }

    @Test
    void aDeactivatedAccountIsRefused() {
        String id = approverClicksAfterSlackSays(EmulatedUser::deactivated);

        assertThat(awaitEphemeral(team.bob())).contains("deactivated").contains("Details page");
        assertNothingChanged(id);
    }

    @Test
    void aGuestIsRefusedByDefault() {
        String id = approverClicksAfterSlackSays(EmulatedUser::asGuest);

        assertThat(awaitEphemeral(team.bob()))
                .contains("Guest accounts cannot decide")
                .contains("COUNTERSIGN_SLACK_ALLOW_GUESTS");
        assertNothingChanged(id);
    }

    @Test
    void aSingleChannelGuestIsRefusedByDefault() {
        String id = approverClicksAfterSlackSays(EmulatedUser::asSingleChannelGuest);

        assertThat(awaitEphemeral(team.bob())).contains("Guest accounts cannot decide");
        assertNothingChanged(id);
    }

    @Test
    void aSlackConnectStrangerIsRefused() {
        String id = approverClicksAfterSlackSays(user -> user.asStrangerFrom("T0PARTNER7"));

        assertThat(awaitEphemeral(team.bob())).contains("another organization").contains("Slack Connect");
        assertNothingChanged(id);
    }

    @Test
    void anUnconfirmedEmailIsRefused() {
        String id = approverClicksAfterSlackSays(EmulatedUser::withUnconfirmedEmail);

        assertThat(awaitEphemeral(team.bob())).contains("not confirmed").contains("Confirm it in Slack");
        assertNothingChanged(id);
    }

    @Test
    void anEmailThatLeadsToAnotherAccountIsRefused() {
        // given: bob is asked (his address is on record as his Slack account's); then bob's address is moved to
        // mallory's account in Slack, and mallory clicks Approve on the request's channel post.
        String channel = "identity-" + team.bob().id().toLowerCase();
        String channelId = slack.addChannel(channel);
        String id = api.create(NewRequestBody.request(
                                "Rotate the signing key", team.alice().email())
                        .level(1, team.bob().email())
                        .with("channel", "#" + channel))
                .path("id")
                .asString();
        team.awaitRequestDm(team.bob(), id);
        EmulatedMessage post = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.messages(channelId).stream()
                                .filter(m -> m.blocksJson().contains(id))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        String bobsAddress = team.bob().email();
        slack.changeUser(team.bob(), user -> user.withEmail("old-" + bobsAddress));
        EmulatedUser mallory = slack.changeUser(team.mallory(), user -> user.withEmail(bobsAddress));

        // when
        slack.click(mallory, post, "approve");

        // then
        assertThat(awaitEphemeral(mallory)).contains("Slack does not name your account as the owner of " + bobsAddress);
        assertNothingChanged(id);
    }

    @Test
    void aSlackEmailWithALookAlikeLetterMatchesNoApprover() {
        // given: kate is asked; mallory's Slack email spells "kate" with a KELVIN SIGN, which lower-cases to 'k'.
        String domain = team.bob().email().substring(team.bob().email().indexOf('@'));
        EmulatedUser kate = slack.addUser("kate", "kate" + domain);
        String channel = "lookalike-" + kate.id().toLowerCase();
        String channelId = slack.addChannel(channel);
        String id = api.create(NewRequestBody.request(
                                "Drop the audit table", team.alice().email())
                        .level(1, kate.email())
                        .with("channel", "#" + channel))
                .path("id")
                .asString();
        EmulatedMessage post = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.messages(channelId).stream()
                                .filter(m -> m.blocksJson().contains(id))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        EmulatedUser mallory = slack.changeUser(team.mallory(), user -> user.withEmail("\u212Aate" + domain));

        // when
        slack.click(mallory, post, "approve");

        // then
        assertThat(awaitEphemeral(mallory)).contains("not a plain (ASCII) address");
        assertNothingChanged(id);
    }

    @Test
    void aReasonModalFromAnotherWorkspaceShowsTheRefusalInTheModal() {
        // given: bob clicks Reject (which asks for a reason) as himself
        String id = singleApproverRequest(team.bob());
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        slack.click(team.bob(), toBob, "reject");
        OpenView modal = await().atMost(Duration.ofSeconds(10))
                .until(() -> slack.openViews(team.bob().id()), views -> !views.isEmpty())
                .getLast();

        // when: the submission claims another workspace
        InteractionResponse submitted = slack.submitViewFromTeam(
                "T0OTHERWS1", team.bob(), modal, Map.of(RequestMessages.REASON_INPUT, "not during the freeze"));

        // then
        assertThat(submitted.body()).contains("another Slack workspace");
        assertNothingChanged(id);
    }

    @Test
    void aSlashCommandFromAnotherWorkspaceShowsNothing() {
        // given
        String id = singleApproverRequest(team.bob());
        team.awaitRequestDm(team.bob(), id);
        String dm = slack.imOf(team.bob().id()).orElseThrow();

        // when
        slack.slashCommandFromTeam("T0OTHERWS1", team.bob(), dm, OverviewBlocks.COMMAND, "");

        // then
        List<String> answers = slack.ephemerals(team.bob().id()).stream()
                .map(EmulatedMessage::text)
                .toList();
        assertThat(answers)
                .last()
                .asString()
                .contains("another Slack workspace")
                .doesNotContain("Restart the payment workers");
    }

    @Test
    void aGuestOpeningTheHomeTabIsToldWhyItShowsNoLists() {
        // given
        String id = singleApproverRequest(team.bob());
        team.awaitRequestDm(team.bob(), id);
        EmulatedUser guest = slack.changeUser(team.bob(), EmulatedUser::asGuest);

        // when
        slack.openHome(guest);

        // then
        HomeTab home = await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.home(guest.id()).orElse(null), tab -> tab != null);
        assertThat(home.visibleText()).contains("Guest accounts").doesNotContain("Restart the payment workers");
        assertThat(home.buttons()).isEmpty();
    }

    @Test
    void anotherBotTokenMeansAskingAgainWhichWorkspaceIsInstalled() {
        // given: bob is asked, and an administrator stores another bot token (one Slack has revoked)
        String id = api.create(NewRequestBody.request(
                                "Rotate the TLS certificate", team.alice().email())
                        .levelOfAll(team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        String rotated = "xoxb-rotated-to-another-workspace-0001";
        assertThat(api.patch("/api/v1/settings", "{\"slackBotToken\": \"" + rotated + "\"}")
                        .status())
                .isEqualTo(200);

        // when
        slack.click(team.bob(), toBob, "approve");

        // then: auth.test was asked with the new token, and without an answer nothing counts
        assertThat(awaitEphemeral(team.bob())).contains("invalid_auth").contains("Nothing was changed");
        assertThat(slack.calls("auth.test")).anyMatch(call -> rotated.equals(call.token()));
        assertNothingChanged(id);

        // when: back to the configured token, the same click counts
        api.patch("/api/v1/settings", "{\"slackBotToken\": null}");
        slack.click(team.bob(), toBob, "approve");

        // then
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.fetch(id).path("decisions").size() == 1);
    }
}
