package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The running server shows the doctor's Slack and migration checks in its health endpoint, secrets left out. */
class SlackHealthIT extends SlackEndToEnd {

    @Test
    void healthShowsTheSlackChecksWithDetailsButNoSecret() {
        // when
        var answer = api.get("/actuator/health");

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode slackHealth = answer.json().path("components").path("slack");
        assertThat(slackHealth.path("status").asString()).isEqualTo("UP");
        assertThat(slackHealth.path("details").path("bot-token").path("outcome").asString())
                .isEqualTo("ok");
        assertThat(slackHealth.path("details").path("bot-token").path("detail").asString())
                .contains("U0EMULBOT");
        assertThat(slackHealth.path("details").path("scopes").path("outcome").asString())
                .isEqualTo("ok");
        assertThat(slackHealth
                        .path("details")
                        .path("signing-secret")
                        .path("outcome")
                        .asString())
                .isEqualTo("ok");
        assertThat(answer.json()
                        .path("components")
                        .path("migrations")
                        .path("details")
                        .path("migrations")
                        .path("detail")
                        .asString())
                .contains("up to date");
        assertThat(answer.body())
                .doesNotContain(slack.botToken())
                .doesNotContain(slack.signingSecret())
                .doesNotContain(SlackApp.TOKEN);
    }
}
