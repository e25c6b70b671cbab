package dev.countersign.slack.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InteractionTypeTest {

    private static String form(String json) {
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheTypeOfRealSlackPayloadsWhereverItStands() throws Exception {
        // Copies of Slack's recorded payloads (shared/slack-samples/realistic), kept with the tests.
        String click = sample("block_actions.real.json");
        String submission = sample("view_submission.real.json");

        assertThat(InteractionType.of(form(click))).hasValue("block_actions");
        assertThat(InteractionType.of(form(submission))).hasValue("view_submission");
        assertThat(InteractionType.of(form("{\"user\":{\"type\":\"x\"},\"actions\":[],\"type\":\"block_actions\"}")))
                .hasValue("block_actions");
    }

    private static String sample(String name) throws Exception {
        try (var in = InteractionTypeTest.class.getResourceAsStream("/slack-samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anythingElseHasNoType() {
        assertThat(InteractionType.of(null)).isEmpty();
        assertThat(InteractionType.of("command=%2Fapprovals&text=help")).isEmpty();
        assertThat(InteractionType.of(form("{\"type\":\"block_actions\"}") + "&extra=1"))
                .isEmpty();
        assertThat(InteractionType.of(form("not json"))).isEmpty();
        assertThat(InteractionType.of(form("{\"type\":{\"nested\":true}}"))).isEmpty();
        assertThat(InteractionType.of("payload=%E0%A4%A")).isEmpty();
    }
}
