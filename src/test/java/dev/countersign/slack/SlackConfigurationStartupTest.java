package dev.countersign.slack;

import dev.countersign.CountersignServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator sees at start-up with no, half, or full Slack settings. */
@ExtendWith(OutputCaptureExtension.class)
class SlackConfigurationStartupTest {

    @TempDir
    Path dataDir;

    /** Settings as command-line arguments: they win over everything, as an operator's would. */
    private ConfigurableApplicationContext start(String... settings) {
        String[] args = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("server.port=0", "countersign.data-dir=" + dataDir,
                                "countersign.api-token=t0ken-1234"),
                        java.util.Arrays.stream(settings))
                .map(setting -> "--" + setting).toArray(String[]::new);
        return new SpringApplicationBuilder(CountersignServer.class).run(args);
    }

    @Test
    void withoutSlackSettingsTheServiceRunsApiOnlyAndSaysSo(CapturedOutput output) {
        try (var app = start("countersign.slack.bot-token=", "countersign.slack.signing-secret=")) {
            assertThat(app.containsBean("slackDispatcher")).isFalse();
            assertThat(output.getOut()).contains("Slack: off").contains("API-only");
        }
    }

    @Test
    void withOnlyTheTokenItRefusesToStartAndNamesTheMissingSecret() {
        assertThatThrownBy(() -> start("countersign.slack.bot-token=xoxb-123", "countersign.slack.signing-secret="))
                .rootCause().hasMessageContaining("SLACK_SIGNING_SECRET missing")
                .hasMessageNotContaining("xoxb-123");
    }

    @Test
    void withOnlyTheSecretItRefusesToStartAndNamesTheMissingToken() {
        assertThatThrownBy(() -> start("countersign.slack.bot-token=", "countersign.slack.signing-secret=s3cr3t"))
                .rootCause().hasMessageContaining("SLACK_BOT_TOKEN missing")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void withBothSlackIsOnAndNeitherSecretIsLogged(CapturedOutput output) {
        try (var app = start("countersign.slack.bot-token=xoxb-secret-token-42",
                "countersign.slack.signing-secret=signing-secret-42",
                "countersign.slack.api-url=http://127.0.0.1:9/api/")) {
            assertThat(app.containsBean("slackDispatcher")).isTrue();
            assertThat(output.getOut()).contains("Slack: on").contains("http://127.0.0.1:9/api/")
                    .doesNotContain("xoxb-secret-token-42").doesNotContain("signing-secret-42");
        }
    }
}
