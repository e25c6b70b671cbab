package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.Failure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Slack failing, slowly or for good: transient trouble only delays delivery (each message arrives once, when Slack
 * is back); a refusal is recorded on the request for the requester and the API to see.
 */
class SlackDeliveryFaultsIT extends SlackEndToEnd {

    @AfterEach
    void slackIsWellAgain() {
        slack.outage("*", Duration.ZERO);
    }

    private String twoApproverRequest(String title) {
        return api.create(NewRequestBody.request(title, team.alice().email())
                        .levelOfAll(team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
    }

    private void assertEachApproverAskedExactlyOnce(String id) {
        team.awaitRequestDm(team.bob(), id);
        team.awaitRequestDm(team.carol(), id);
        assertThat(team.dmsAbout(team.bob(), id)).hasSize(1);
        assertThat(team.dmsAbout(team.carol(), id)).hasSize(1);
    }

    @Test
    void slackAnswering500ForAWhileOnlyDelaysTheMessages() {
        slack.failNext("chat.postMessage", 3, Failure.httpStatus(500));

        String id = twoApproverRequest("Rebuild search index");

        assertEachApproverAskedExactlyOnce(id);
        assertThat(slack.calls("chat.postMessage"))
                .filteredOn(call -> call.status() == 500)
                .hasSize(3);
        assertThat(api.fetch(id).path("deliveryProblems")).isEmpty();
    }

    @Test
    void aRateLimitIsHonouredAndEverythingArrivesAfterIt() {
        slack.failNext("chat.postMessage", 2, Failure.rateLimited(1));
        Instant start = Instant.now();

        String id = twoApproverRequest("Purge CDN cache");

        assertEachApproverAskedExactlyOnce(id);
        // Slack said "retry after 1 s": nothing was posted before that second was over.
        var posted = slack.calls("chat.postMessage").stream()
                .filter(call -> call.status() == 200 && call.responseBody().contains(id))
                .toList();
        assertThat(posted)
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.time()).isAfterOrEqualTo(start.plusSeconds(1)));
    }

    @Test
    void slackDownForSecondsThenBackDeliversEveryMessageOnceAndKeepsThemInSync() {
        slack.outage("*", Duration.ofSeconds(4));

        String id = twoApproverRequest("Migrate billing to v2");
        api.approve(id, team.bob().email());

        assertEachApproverAskedExactlyOnce(id);
        // bob's approval happened during the outage: the messages show it once Slack is back.
        team.awaitDmAbout(team.carol(), id, m -> m.visibleText().contains("1 more approval needed"));
    }

    @Test
    void aChannelSlackDoesNotKnowIsRecordedOnTheRequestAndTheDmsStillGoOut() {
        String id = api.create(NewRequestBody.request(
                                "Restart kafka brokers", team.alice().email())
                        .level(1, team.bob().email())
                        .with("channel", "#no-such-channel-" + team.alice().id()))
                .path("id")
                .asString();

        team.awaitRequestDm(team.bob(), id);
        JsonNode request = await().atMost(Duration.ofSeconds(20))
                .until(() -> api.fetch(id), r -> !r.path("deliveryProblems").isEmpty());
        assertThat(request.path("deliveryProblems").get(0).path("recipient").asString())
                .startsWith("#no-such-channel");
        assertThat(request.path("deliveryProblems").get(0).path("problem").asString())
                .contains("channel_not_found");
    }

    @Test
    void aTokenSlackRefusesIsRecordedNotRetriedForever() {
        slack.failNext("chat.postMessage", 1, Failure.slackError("invalid_auth"));

        String id = api.create(NewRequestBody.request(
                                "Rotate TLS certificates", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();

        JsonNode request = await().atMost(Duration.ofSeconds(20))
                .until(() -> api.fetch(id), r -> !r.path("deliveryProblems").isEmpty());
        assertThat(request.path("deliveryProblems").get(0).path("problem").asString())
                .contains("invalid_auth");
        assertThat(team.dmsAbout(team.bob(), id)).isEmpty();
    }
}
