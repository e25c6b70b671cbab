package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.InteractionResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clicks the core's rules refuse: the clicker is told why, in a message only they see, and nothing changes. A
 * channel post is where anyone can click, so that is where most of these happen.
 */
class SlackRefusalsIT extends SlackEndToEnd {

    private String channel;

    @BeforeEach
    void setUp() {
        channel = "approvals-"
                + team.alice()
                        .email()
                        .substring(
                                team.alice().email().indexOf('@') + 1,
                                team.alice().email().indexOf('.'));
        slack.addChannel(channel);
    }

    private String twoLevelRequestInChannel() {
        return api.create(NewRequestBody.request(
                                "Rotate prod database credentials", team.alice().email())
                        .level(1, team.bob().email(), team.carol().email())
                        .levelOfAll(team.erin().email())
                        .with("channel", "#" + channel))
                .path("id")
                .asString();
    }

    private EmulatedMessage awaitChannelPost(String id) {
        String channelId = slack.addChannel(channel);
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.messages(channelId).stream()
                                .filter(m -> m.blocksJson().contains(id))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
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

    private void assertNoDecisions(String id) {
        assertThat(api.fetch(id).path("decisions")).isEmpty();
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("pending");
    }

    @Test
    void someoneWhoIsNotAnApproverIsToldSoAndNothingChanges() {
        String id = twoLevelRequestInChannel();
        EmulatedMessage post = awaitChannelPost(id);

        InteractionResponse click = slack.click(team.mallory(), post, "approve");

        assertThat(click.status()).isEqualTo(200);
        assertThat(awaitEphemeral(team.mallory()))
                .contains("You cannot do that")
                .contains("not an approver");
        assertNoDecisions(id);
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequest() {
        String id = twoLevelRequestInChannel();
        EmulatedMessage post = awaitChannelPost(id);

        slack.click(team.alice(), post, "approve");

        assertThat(awaitEphemeral(team.alice())).contains("You cannot do that").containsIgnoringCase("own request");
        assertNoDecisions(id);
    }

    @Test
    void aLaterLevelApproverCannotDecideBeforeTheirLevelIsAsked() {
        String id = twoLevelRequestInChannel();
        EmulatedMessage post = awaitChannelPost(id);

        slack.click(team.erin(), post, "approve");

        assertThat(awaitEphemeral(team.erin())).contains("You cannot do that").contains("level");
        assertNoDecisions(id);
    }

    @Test
    void aClickOnAnOutdatedMessageIsExplainedAndChangesNothing() {
        // bob clicks level 1's Approve; before it arrives, carol has approved level 1 through the API.
        String id = twoLevelRequestInChannel();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        pointSlackNowhere();
        try {
            slack.click(team.bob(), toBob, "approve");
        } catch (UncheckedIOException heldBack) {
            // the click is captured, not delivered yet
        }
        var lateClick = slack.lastDelivery();
        pointSlackAtTheApp();
        api.approve(id, team.carol().email());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.fetch(id).path("currentLevel").asInt() == 2);

        InteractionResponse response = slack.send(lateClick.body(), lateClick.headers());

        assertThat(response.status()).isEqualTo(200);
        assertThat(awaitEphemeral(team.bob())).contains("outdated").contains("Nothing was changed");
        assertThat(api.fetch(id).path("decisions")).hasSize(1);
    }

    @Test
    void aSecondClickByTheSameApproverIsRefusedNotCountedTwice() {
        String id = api.create(NewRequestBody.request(
                                "Scale down staging", team.alice().email())
                        .levelOfAll(team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);

        slack.click(team.bob(), toBob, "approve");
        slack.click(team.bob(), toBob, "approve");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.fetch(id).path("decisions").size() == 1);
        assertThat(awaitEphemeral(team.bob())).contains("already");
        assertThat(api.fetch(id).path("decisions")).hasSize(1);
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("pending");
    }

    @Test
    void twoApproversOfAOneOfTwoLevelClickingAtOnceMakeExactlyOneDecision() throws Exception {
        String id = api.create(NewRequestBody.request(
                                "Open firewall port 5432", team.alice().email())
                        .level(1, team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        EmulatedMessage toCarol = team.awaitRequestDm(team.carol(), id);
        CyclicBarrier together = new CyclicBarrier(2);

        List<CompletableFuture<InteractionResponse>> clicks = List.of(
                CompletableFuture.supplyAsync(() -> clickTogether(together, team.bob(), toBob)),
                CompletableFuture.supplyAsync(() -> clickTogether(together, team.carol(), toCarol)));

        for (var click : clicks) {
            assertThat(click.get().status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.fetch(id).path("status").asString(), "approved"::equals);
        // The loser is told the request was already decided.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !slack.ephemerals(team.bob().id()).isEmpty()
                        || !slack.ephemerals(team.carol().id()).isEmpty());
        // Both clicks handled: one counted, the other refused, and one decision between them.
        List<String> handled = awaitCallbacksHandled(id, 2);
        assertThat(handled)
                .hasSize(2)
                .containsOnlyOnce("accepted")
                .filteredOn(outcome -> !outcome.equals("accepted"))
                .singleElement()
                .asString()
                .startsWith("refused");
        assertThat(api.fetch(id).path("decisions")).hasSize(1);
    }

    private InteractionResponse clickTogether(CyclicBarrier together, EmulatedUser user, EmulatedMessage message) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return slack.click(user, message, "approve");
    }
}
