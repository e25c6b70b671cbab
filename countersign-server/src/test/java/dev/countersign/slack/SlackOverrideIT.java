package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An administrator stepping in: the admin token's override decides in the approver's name, and every message
 * about the request says it was an override, never the approver's own click.
 */
class SlackOverrideIT extends SlackEndToEnd {

    @Test
    void anOverrideIsShownAsSuchInTheApproversDmAndTheChannelPost() {
        // given a request asked of bob, also posted to a channel
        String channelName = "override-" + team.alice().id().toLowerCase();
        String channelId = slack.addChannel(channelName);
        String id = api.create(NewRequestBody.request(
                                "Restart the payment queue", team.alice().email())
                        .level(1, team.bob().email())
                        .with("channel", "#" + channelName))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);

        EmulatedMessage post = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.messages(channelId).stream()
                                .filter(m -> m.blocksJson().contains(id))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);

        // when the admin token decides for bob: refused without an override, accepted with one
        var plain = api.post(
                "/api/v1/requests/" + id + "/decisions",
                "{\"verdict\":\"approve\",\"approver\":\"" + team.bob().email() + "\"}");
        var override = api.override(id, team.bob().email(), "approve", "bob is unreachable; incident 4711");

        // then the request is approved, and both messages say by whose override
        assertThat(plain.status()).isEqualTo(403);
        assertThat(override.status()).as(override.toString()).isEqualTo(200);
        assertThat(override.json().path("status").asString()).isEqualTo("approved");
        EmulatedMessage dm = await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.message(toBob.channel(), toBob.ts()).orElseThrow(), m -> !m.hasButton("approve"));
        assertThat(dm.visibleText()).contains("Approved").contains("(admin override)");
        EmulatedMessage channelPost = await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.message(channelId, post.ts()).orElseThrow(), m -> !m.hasButton("approve"));
        assertThat(channelPost.visibleText()).contains("Approved").contains("(admin override)");
    }
}
