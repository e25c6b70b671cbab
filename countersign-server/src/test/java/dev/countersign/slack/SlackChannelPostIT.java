package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request posted to a channel: visible to all, decided by its approvers, progress told in the thread. */
class SlackChannelPostIT extends SlackEndToEnd {

    @Test
    void theChannelSeesTheRequestItsProgressInTheThreadAndTheOutcomeInPlace() {
        String channelName = "deploys-" + team.alice().id().toLowerCase();
        String channelId = slack.addChannel(channelName);
        String id = api.create(NewRequestBody.request(
                                "Deploy web v9 to prod", team.alice().email())
                        .level(1, team.bob().email(), team.carol().email())
                        .levelOfAll(team.erin().email())
                        .with("channel", "#" + channelName))
                .path("id")
                .asString();

        // then: posted with the decision buttons, naming who is asked
        EmulatedMessage post = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.messages(channelId).stream()
                                .filter(m -> m.blocksJson().contains(id))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        assertThat(post.buttons()).containsExactly("approve", "reject", "details");
        assertThat(post.visibleText()).contains("Deploy web v9 to prod", "Level 1 of 2", "Approvers");

        // when: carol approves from the channel post itself, and erin from her DM
        slack.click(team.carol(), post, "approve");
        EmulatedMessage toErin = team.awaitRequestDm(team.erin(), id);
        slack.click(team.erin(), toErin, "approve");

        // then: the thread tells the story, and the post shows the outcome without buttons
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.fetch(id).path("status").asString(), "approved"::equals);
        List<String> thread = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.thread(channelId, post.ts()).stream()
                                .map(EmulatedMessage::text)
                                .toList(),
                        lines -> lines.stream().anyMatch(line -> line.contains("Fully approved")));
        assertThat(String.join("\n", thread))
                .contains(
                        team.carol().email() + " approved level 1",
                        "level 2 is asked now",
                        team.erin().email() + " approved level 2",
                        "Fully approved");
        EmulatedMessage after = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.message(channelId, post.ts()).orElseThrow(),
                        m -> m.visibleText().contains("Approved"));
        assertThat(after.buttons()).containsExactly("details");
        assertThat(slack.messages(channelId).stream().filter(m -> m.blocksJson().contains(id)))
                .hasSize(1);
    }
}
