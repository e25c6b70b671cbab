package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.CountersignServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** What an operator sees at start-up with no, half, or full Slack settings. */
@ExtendWith(OutputCaptureExtension.class)
class SlackConfigurationStartupIT {

    @TempDir
    Path dataDir;

    /** Settings as command-line arguments: they win over everything, as an operator's would. */
    private ConfigurableApplicationContext start(String... settings) {
        String[] args = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(
                                "server.port=0",
                                "countersign.data-dir=" + dataDir,
                                "countersign.api-token=t0ken-1234-0123456789abcdef0123456789"),
                        java.util.Arrays.stream(settings))
                .map(setting -> "--" + setting)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CountersignServer.class).run(args);
    }

    @Test
    void withoutSlackSettingsTheServiceRunsApiOnlyAndSaysSo(CapturedOutput output) {
        try (var app = start("countersign.slack.bot-token=", "countersign.slack.signing-secret=")) {
            assertThat(app.containsBean("slackDeliveries")).isFalse();
            assertThat(output.getOut()).contains("Slack: off").contains("API-only");
        }
    }

    @Test
    void withOnlyTheTokenItRefusesToStartAndNamesTheMissingSecret() {
        assertThatThrownBy(() -> start("countersign.slack.bot-token=xoxb-123", "countersign.slack.signing-secret="))
                .rootCause()
                .hasMessageContaining("SLACK_SIGNING_SECRET missing")
                .hasMessageNotContaining("xoxb-123");
    }

    @Test
    void withOnlyTheSecretItRefusesToStartAndNamesTheMissingToken() {
        assertThatThrownBy(() -> start("countersign.slack.bot-token=", "countersign.slack.signing-secret=s3cr3t"))
                .rootCause()
                .hasMessageContaining("SLACK_BOT_TOKEN missing")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void withBothSlackIsOnAndNeitherSecretIsLogged(CapturedOutput output) {
        try (var app = start(
                "countersign.slack.bot-token=xoxb-secret-token-42",
                "countersign.slack.signing-secret=signing-secret-42",
                "countersign.slack.api-url=http://127.0.0.1:9/api/")) {
            assertThat(app.containsBean("slackDeliveries")).isTrue();
            assertThat(output.getOut())
                    .contains("Slack: on")
                    .contains("http://127.0.0.1:9/api/")
                    .doesNotContain("xoxb-secret-token-42")
                    .doesNotContain("signing-secret-42");
        }
    }

    @Test
    void anIdentityTtlThatIsNotADurationIsRefusedAtStartUp() {
        assertThatThrownBy(() -> start(
                        "countersign.slack.bot-token=xoxb-bot-78",
                        "countersign.slack.signing-secret=signing-secret-78",
                        "countersign.slack.identity-ttl=forever"))
                .rootCause()
                .hasMessageContaining("COUNTERSIGN_SLACK_IDENTITY_TTL")
                .hasMessageContaining("'forever' is not a duration");
    }

    @Test
    void anAppTokenThatIsNotAnAppLevelTokenIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> start(
                        "countersign.slack.bot-token=xoxb-bot-77",
                        "countersign.slack.app-token=xoxb-pasted-the-wrong-one-77"))
                .rootCause()
                .hasMessageContaining("SLACK_APP_TOKEN must be an app-level token, which starts with xapp-")
                .hasMessageContaining("connections:write")
                .hasMessageNotContaining("pasted-the-wrong-one");
    }

    @Test
    void anAppTokenWithoutABotTokenNamesTheMissingBotToken() {
        assertThatThrownBy(() -> start(
                        "countersign.slack.bot-token=",
                        "countersign.slack.signing-secret=",
                        "countersign.slack.app-token=xapp-1-A1-secret-88"))
                .rootCause()
                .hasMessageContaining("SLACK_BOT_TOKEN missing")
                .hasMessageNotContaining("xapp-1-A1-secret-88");
    }

    @Test
    void anAppTokenSlackRefusesStopsTheStartWithWhatToDo() {
        // given: the emulator knows its own app token only
        var slack = EmulatedSlack.emulator();

        // when / then
        assertThatThrownBy(() -> start(
                        "countersign.slack.bot-token=" + slack.botToken(),
                        "countersign.slack.signing-secret=",
                        "countersign.slack.app-token=xapp-1-A1-revoked-99",
                        "countersign.slack.api-url=" + slack.apiUrl()))
                .rootCause()
                .hasMessageContaining("Slack refused SLACK_APP_TOKEN")
                .hasMessageContaining("invalid_auth")
                .hasMessageNotContaining("xapp-1-A1-revoked-99");
    }

    @Test
    void withBotAndAppTokenItRunsSocketModeWithoutASigningSecretAndSaysSo(CapturedOutput output) {
        var slack = EmulatedSlack.emulator();
        int before = slack.socketConnections();
        try (var app = start(
                "countersign.slack.bot-token=" + slack.botToken(),
                "countersign.slack.signing-secret=",
                "countersign.slack.app-token=" + slack.appToken(),
                "countersign.slack.api-url=" + slack.apiUrl())) {
            assertThat(app.containsBean("slackSocketMode")).isTrue();
            assertThat(app.containsBean("slackEventsServlet")).isFalse();
            assertThat(output.getOut()).contains("Slack: on, Socket Mode").doesNotContain(slack.appToken());
            org.awaitility.Awaitility.await().until(() -> slack.socketConnections() == before + 1);
        }
        // then: closed cleanly on shutdown
        org.awaitility.Awaitility.await().until(() -> slack.socketConnections() == before);
    }
}
