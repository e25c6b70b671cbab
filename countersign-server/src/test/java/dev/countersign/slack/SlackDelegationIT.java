package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.ApiClient;
import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.OpenView;
import dev.countersign.schedule.DueWork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Delegation as people meet it in Slack: while bob is away, dave gets every approval request bob gets and decides
 * in his place; the decision is "dave on behalf of bob" wherever it is shown, and counts as bob's vote. When the
 * delegation is over, dave's buttons stop working at once.
 */
class SlackDelegationIT extends SlackEndToEnd {

    @Autowired
    List<DueWork> dueWork;

    @AfterEach
    void slackIsWellAgain() {
        slack.outage("*", Duration.ZERO);
    }

    private String delegate(EmulatedUser from, EmulatedUser to, Instant startsAt, Instant endsAt) {
        ApiClient.Answer created =
                api.post(ApiClient.DELEGATIONS, """
                {"from": "%s", "to": "%s", "startsAt": "%s", "endsAt": "%s", "reason": "on holiday"}
                """.formatted(from.email(), to.email(), startsAt, endsAt));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private String delegate(EmulatedUser from, EmulatedUser to) {
        return delegate(from, to, Instant.now(), Instant.now().plus(Duration.ofDays(3)));
    }

    private String requestAsking(EmulatedUser... approvers) {
        NewRequestBody body = NewRequestBody.request(
                        "Deploy api v2.4 to prod", team.alice().email())
                .levelOfAll(java.util.Arrays.stream(approvers)
                        .map(EmulatedUser::email)
                        .toArray(String[]::new));
        return api.create(body).path("id").asString();
    }

    /** How Slack messages name a proxy decision: both people as mentions. */
    private static String onBehalf(EmulatedUser proxy, EmulatedUser principal) {
        return "<@" + proxy.id() + "> on behalf of <@" + principal.id() + ">";
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

    @Test
    void theDelegateGetsTheDelegatorsRequestAndDecidesOnTheirBehalf() {
        // given: bob delegates to dave; a request asks bob and carol
        delegate(team.bob(), team.dave());
        String id = requestAsking(team.bob(), team.carol());

        // then: bob is asked, and dave is asked on bob's behalf, with buttons
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        EmulatedMessage toDave = team.awaitRequestDm(team.dave(), id);
        assertThat(toBob.visibleText()).doesNotContain("on behalf of");
        assertThat(toDave.visibleText())
                .contains("You are asked on behalf of", team.bob().id(), "delegation until", "Deploy api v2.4 to prod");
        assertThat(toDave.buttons()).containsExactly("approve", "reject", "details");

        // when: dave approves
        slack.click(team.dave(), toDave, "approve");

        // then: recorded as dave on behalf of bob; it is bob's vote, so carol is still needed
        JsonNode decided = awaitRequest(id, r -> r.path("decisions").size() == 1);
        JsonNode decision = decided.path("decisions").get(0);
        assertThat(decision.path("approver").asString()).isEqualTo(team.dave().email());
        assertThat(decision.path("onBehalfOf").asString()).isEqualTo(team.bob().email());
        assertThat(decision.path("via").asString()).isEqualTo("slack");
        assertThat(decided.path("status").asString()).isEqualTo("pending");

        // and bob's own message says dave approved for him, without buttons; dave's shows it too
        team.awaitDmAbout(
                team.bob(),
                id,
                m -> !m.hasButton("approve")
                        && m.visibleText().contains("<@" + team.dave().id() + "> approved on your behalf"));
        team.awaitDmAbout(
                team.dave(),
                id,
                m -> !m.hasButton("approve")
                        && m.visibleText().contains(onBehalf(team.dave(), team.bob()) + " approved"));
        team.awaitDmAbout(
                team.carol(), id, m -> m.hasButton("approve") && m.visibleText().contains("1 more approval"));

        // when: carol approves too
        slack.click(team.carol(), team.awaitRequestDm(team.carol(), id), "approve");

        // then: the outcome everywhere names dave on behalf of bob
        awaitStatus(id, "approved");
        team.awaitDmAbout(
                team.alice(),
                id,
                m -> m.visibleText().contains("fully approved")
                        && m.visibleText().contains(onBehalf(team.dave(), team.bob())));
        team.awaitDmAbout(team.dave(), id, m -> m.visibleText().contains("Approved"));
        assertThat(team.dmsAbout(team.dave(), id)).hasSize(1);
    }

    @Test
    void theDelegateRejectsThroughTheReasonModalOnTheDelegatorsBehalf() {
        // given
        delegate(team.bob(), team.dave());
        String id = requestAsking(team.bob());
        EmulatedMessage toDave = team.awaitRequestDm(team.dave(), id);

        // when: dave clicks Reject and gives a reason
        slack.click(team.dave(), toDave, "reject");
        OpenView modal = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> slack.openViews(team.dave().id()).stream()
                                .findFirst()
                                .orElse(null),
                        v -> v != null);
        slack.submitView(team.dave(), modal, Map.of("reason-input", "Not during the freeze"));

        // then: rejected by dave on behalf of bob; alice hears who
        JsonNode rejected = awaitStatus(id, "rejected");
        JsonNode decision = rejected.path("decisions").get(0);
        assertThat(decision.path("approver").asString()).isEqualTo(team.dave().email());
        assertThat(decision.path("onBehalfOf").asString()).isEqualTo(team.bob().email());
        assertThat(decision.path("reason").asString()).isEqualTo("Not during the freeze");
        team.awaitDmAbout(
                team.alice(),
                id,
                m -> m.visibleText().contains("declined")
                        && m.visibleText().contains(onBehalf(team.dave(), team.bob())));
    }

    @Test
    void aDelegationCreatedWhileARequestWaitsAsksTheDelegateAboutIt() {
        // given: a request already waits for bob
        String id = requestAsking(team.bob());
        team.awaitRequestDm(team.bob(), id);
        backlog.awaitSent(id);
        assertThat(team.dmsAbout(team.dave(), id)).isEmpty();

        // when: bob delegates to dave from now
        delegate(team.bob(), team.dave());

        // then: dave is asked on bob's behalf, and can decide
        EmulatedMessage toDave = team.awaitRequestDm(team.dave(), id);
        assertThat(toDave.visibleText())
                .contains("You are asked on behalf of", team.bob().id());
        slack.click(team.dave(), toDave, "approve");
        JsonNode approved = awaitStatus(id, "approved");
        assertThat(approved.path("decisions").get(0).path("onBehalfOf").asString())
                .isEqualTo(team.bob().email());
    }

    @Test
    void aDelegationThatStartsLaterAsksTheDelegateWhenItStartsAndOnlyOnce() {
        // given: a request waits for bob; bob's delegation to dave starts in a moment
        String id = requestAsking(team.bob());
        team.awaitRequestDm(team.bob(), id);
        Instant starts = Instant.now().plusMillis(1500);
        delegate(team.bob(), team.dave(), starts, starts.plus(Duration.ofDays(1)));
        DueWork sweep = sweep();

        // when: the sweep runs before the start, and twice after it
        sweep.runDue(Instant.now());
        await().until(() -> Instant.now().isAfter(starts));
        sweep.runDue(Instant.now());
        sweep.runDue(Instant.now());

        // then: dave is asked once
        team.awaitRequestDm(team.dave(), id);
        backlog.awaitSent(id);
        assertThat(team.dmsAbout(team.dave(), id)).hasSize(1);
    }

    @Test
    void aDelegateWhoRequestedItCannotApproveForTheDelegator() {
        // given: bob delegates to alice, who then asks bob in a channel
        String channel = "deploys-" + team.alice().id().toLowerCase();
        String channelId = slack.addChannel(channel);
        delegate(team.bob(), team.alice());
        String id = api.create(NewRequestBody.request(
                                "Deploy api v2.4 to prod", team.alice().email())
                        .levelOfAll(team.bob().email())
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

        // then: alice is not asked on bob's behalf about her own request
        backlog.awaitSent(id);
        assertThat(team.dmsAbout(team.alice(), id)).isEmpty();

        // when: she clicks Approve on the channel post
        slack.click(team.alice(), post, "approve");

        // then: refused, nothing recorded
        assertThat(awaitEphemeral(team.alice())).contains("You cannot do that").containsIgnoringCase("own request");
        assertThat(api.fetch(id).path("decisions")).isEmpty();
    }

    @Test
    void aDelegateMayDecideFromTheChannelPostForTheOneApproverTheyStandIn() {
        // given: bob delegates to dave; the request is posted to a channel
        String channel = "ops-" + team.alice().id().toLowerCase();
        String channelId = slack.addChannel(channel);
        delegate(team.bob(), team.dave());
        String id = api.create(
                        NewRequestBody.request("Rotate keys", team.alice().email())
                                .levelOfAll(team.bob().email(), team.carol().email())
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

        // when: dave, who is not asked on his own account, clicks Approve there
        slack.click(team.dave(), post, "approve");

        // then: it counts for bob, and the thread says so
        JsonNode decided = awaitRequest(id, r -> r.path("decisions").size() == 1);
        assertThat(decided.path("decisions").get(0).path("approver").asString())
                .isEqualTo(team.dave().email());
        assertThat(decided.path("decisions").get(0).path("onBehalfOf").asString())
                .isEqualTo(team.bob().email());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.thread(channelId, post.ts()).stream()
                        .anyMatch(m -> m.text()
                                .contains(team.dave().email() + " on behalf of "
                                        + team.bob().email())));
    }

    @Test
    void aRevokedDelegationRefusesTheDelegatesClickAtOnceAndTakesTheirButtonsAway() {
        // given: dave holds bob's request on bob's behalf
        String delegation = delegate(team.bob(), team.dave());
        String id = requestAsking(team.bob());
        EmulatedMessage toDave = team.awaitRequestDm(team.dave(), id);

        // when: the delegation is revoked while Slack cannot take message updates, so dave still sees his buttons
        slack.outage("chat.update", Duration.ofSeconds(3));
        ApiClient.Answer revoked = api.post(ApiClient.DELEGATIONS + "/" + delegation + "/revoke", "{}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        slack.click(team.dave(), toDave, "approve");

        // then: his click is refused, saying the delegation ended; nothing is recorded
        assertThat(awaitEphemeral(team.dave()))
                .contains("delegation from " + team.bob().email())
                .contains("no longer active");
        assertThat(api.fetch(id).path("decisions")).isEmpty();

        // and once Slack takes updates again, his message has no buttons and says the delegation ended
        team.awaitDmAbout(
                team.dave(),
                id,
                m -> !m.hasButton("approve")
                        && m.visibleText()
                                .contains("delegation from <@" + team.bob().id() + "> has ended"));
        assertThat(team.awaitRequestDm(team.bob(), id).hasButton("approve")).isTrue();
    }

    @Test
    void aDelegationThatRanOutRefusesTheDelegatesClickOnAMessageSentEarlier() {
        // given: a delegation of a few seconds, and dave's DM sent while it lasted
        Instant ends = Instant.now().plusSeconds(3);
        delegate(team.bob(), team.dave(), Instant.now(), ends);
        String id = requestAsking(team.bob());
        EmulatedMessage toDave = team.awaitRequestDm(team.dave(), id);
        assertThat(toDave.hasButton("approve")).isTrue();
        // Slack takes no message update until just after dave's click: the scheduled sweep may see the end first,
        // and its redraw must not take his buttons away before he clicks (a client still showing them could).
        slack.outage("chat.update", Duration.between(Instant.now(), ends).plusSeconds(2));

        // when: dave clicks after the end
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(ends));
        slack.click(team.dave(), toDave, "approve");

        // then
        assertThat(awaitEphemeral(team.dave())).contains("no longer active");
        assertThat(api.fetch(id).path("decisions")).isEmpty();

        // when: the sweep sees the end
        sweep().runDue(Instant.now());

        // then: dave's message loses its buttons and says the delegation ended; bob's keeps his
        team.awaitDmAbout(
                team.dave(),
                id,
                m -> !m.hasButton("approve")
                        && m.visibleText()
                                .contains("delegation from <@" + team.bob().id() + "> has ended"));
        assertThat(team.awaitRequestDm(team.bob(), id).hasButton("approve")).isTrue();
    }

    private DueWork sweep() {
        return dueWork.stream()
                .filter(work -> work.name().equals("delegation"))
                .findFirst()
                .orElseThrow();
    }
}
