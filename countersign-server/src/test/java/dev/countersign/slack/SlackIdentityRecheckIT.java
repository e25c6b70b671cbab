package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.ApiClient;
import dev.countersign.api.FreshDataDirectory;
import dev.countersign.api.NewRequestBody;
import dev.countersign.approval.MutableClock;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.InteractionResponse;
import dev.countersign.emulator.SlackEmulator;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * What Slack says about a person is trusted for COUNTERSIGN_SLACK_IDENTITY_TTL only; this app allows guests
 * (COUNTERSIGN_SLACK_ALLOW_GUESTS) and runs on a clock the test moves. Clicks made "later" are signed for the
 * moved clock, as Slack would sign them then.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=" + SlackApp.TOKEN,
            "countersign.slack.allow-guests=true",
            "countersign.slack.identity-ttl=1h"
        })
@ContextConfiguration(initializers = {FreshDataDirectory.class, EmulatedSlack.class})
@Import(ScheduledSlackApp.TestClock.class)
class SlackIdentityRecheckIT {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    final SlackEmulator slack = EmulatedSlack.emulator();
    ApiClient api;
    Team team;

    @BeforeEach
    void connect() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        slack.requestUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
        api = ApiClient.onPort(port, SlackApp.TOKEN);
        team = Team.fresh(slack);
    }

    @Test
    void aGuestMayDecideWhenGuestsAreAllowed() {
        // given
        String id = api.create(NewRequestBody.request(
                                "Invite the auditors", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        EmulatedUser guest = slack.changeUser(team.bob(), EmulatedUser::asSingleChannelGuest);

        // when
        slack.click(guest, toBob, "approve");

        // then
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.fetch(id).path("status").asString(), "approved"::equals);
        assertThat(api.fetch(id).path("decisions").get(0).path("approver").asString())
                .isEqualTo(team.bob().email());
    }

    @Test
    void aChangedEmailInSlackIsPickedUpAfterTheTtl() {
        // given: robert@… is asked; the Slack account that will get that address is bob's, still bob@… now
        String robert =
                "robert" + team.bob().email().substring(team.bob().email().indexOf('@'));
        String channel = "ttl-" + team.bob().id().toLowerCase();
        String channelId = slack.addChannel(channel);
        String id = api.create(NewRequestBody.request(
                                "Grant robert prod access", team.alice().email())
                        .level(1, robert)
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
        slack.click(team.bob(), post, "approve");
        assertThat(awaitEphemeralCount(team.bob(), 1)).contains("not an approver");

        // when: Slack's admin gives bob's account robert's address; within the TTL Countersign still knows bob@…
        EmulatedUser renamed = slack.changeUser(team.bob(), user -> user.withEmail(robert));
        clock.advance(Duration.ofMinutes(59));
        clickAtClockTime(renamed, post);
        assertThat(awaitEphemeralCount(team.bob(), 2)).contains("not an approver");
        assertThat(api.fetch(id).path("decisions")).isEmpty();

        // then: after the TTL, Slack is asked again and the click counts as robert's
        clock.advance(Duration.ofMinutes(2));
        clickAtClockTime(renamed, post);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.fetch(id).path("status").asString(), "approved"::equals);
        assertThat(api.fetch(id).path("decisions").get(0).path("approver").asString())
                .isEqualTo(robert);
    }

    @Test
    void aStaleAnswerNeverLetsAClickCountWhileSlackIsUnavailable() {
        // given: bob is known (his first click was answered from users.info), and the TTL has passed
        String id = api.create(
                        NewRequestBody.request("Purge the CDN", team.alice().email())
                                .levelOfAll(team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        slack.click(team.bob(), toBob, "reject");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !slack.openViews(team.bob().id()).isEmpty());
        clock.advance(Duration.ofMinutes(61));

        // when: users.info is unavailable, and bob clicks Approve
        slack.outage("users.info", Duration.ofMinutes(1));
        try {
            clickAtClockTime(team.bob(), team.awaitRequestDm(team.bob(), id));

            // then
            assertThat(awaitEphemeralCount(team.bob(), 1))
                    .contains("Nothing was changed")
                    .contains("try again");
            assertThat(api.fetch(id).path("decisions")).isEmpty();
            assertThat(api.fetch(id).path("status").asString()).isEqualTo("pending");
        } finally {
            slack.outage("users.info", Duration.ZERO);
        }
    }

    /** A click captured without delivery, then sent signed with the app's (moved) time. */
    private void clickAtClockTime(EmulatedUser user, EmulatedMessage message) {
        slack.requestUrl(URI.create("http://127.0.0.1:9/nowhere"));
        try {
            slack.click(user, message, "approve");
        } catch (UncheckedIOException heldBack) {
            // captured, not delivered
        } finally {
            slack.requestUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
        }
        var click = slack.lastDelivery();
        InteractionResponse response = slack.send(
                click.body(), slack.signedHeaders(click.body(), clock.instant().getEpochSecond()));
        assertThat(response.status()).isEqualTo(200);
    }

    private String awaitEphemeralCount(EmulatedUser user, int count) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> slack.ephemerals(user.id()), list -> list.size() >= count)
                .get(count - 1)
                .text();
    }
}
