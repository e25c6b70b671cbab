package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code countersign slack-manifest}: a manifest Slack accepts, for HTTP mode or Socket Mode. */
class SlackManifestCommandTest {

    @TempDir
    Path directory;

    private CliRun cli(String... args) {
        return CliRun.run(CliRun.emptyEnvironment(directory), new FakeTicker(), args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void printsYamlWithTheScopesAndOneRequestUrlForEverything() {
        // when
        CliRun run = cli("slack-manifest", "--url", "https://approvals.example.com");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> manifest = new Yaml().load(run.out());
        Map<String, Object> features = map(manifest.get("features"));
        Map<String, Object> settings = map(manifest.get("settings"));
        assertThat(map(map(manifest.get("oauth_config")).get("scopes")).get("bot"))
                .isEqualTo(
                        List.of("chat:write", "im:write", "im:history", "users:read", "users:read.email", "commands"));
        String requestUrl = "https://approvals.example.com/slack/events";
        assertThat(map(settings.get("interactivity")))
                .containsEntry("is_enabled", true)
                .containsEntry("request_url", requestUrl);
        assertThat(map(settings.get("event_subscriptions")))
                .containsEntry("request_url", requestUrl)
                .containsEntry("bot_events", List.of("app_home_opened"));
        assertThat((List<Map<String, Object>>) features.get("slash_commands"))
                .singleElement()
                .satisfies(command -> assertThat(command)
                        .containsEntry("command", "/approvals")
                        .containsEntry("url", requestUrl));
        assertThat(map(features.get("app_home")))
                .containsEntry("home_tab_enabled", true)
                .containsEntry("messages_tab_enabled", true);
        assertThat(settings).containsEntry("socket_mode_enabled", false);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theReadmesManifestIsExactlyWhatTheCommandPrints() throws java.io.IOException {
        // given: the YAML block that follows "it is exactly this:" in README.md, unindented
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        int intro = readme.indexOf("For `https://approvals.example.com` it is exactly this:");
        assertThat(intro).as("README.md introduces the manifest").isPositive();
        int start = readme.indexOf("```yaml\n", intro) + "```yaml\n".length();
        String fenced = readme.substring(start, readme.indexOf("```", start));
        String block = fenced.substring(0, fenced.lastIndexOf('\n') + 1); // without the closing fence's indent
        String documented = block.lines()
                .map(line -> line.startsWith("   ") ? line.substring(3) : line)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));

        // when
        CliRun run = cli("slack-manifest", "--url", "https://approvals.example.com");

        // then
        assertThat(documented).isEqualTo(run.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aBaseUrlWithAPathOrTrailingSlashKeepsThePath() {
        CliRun run = cli("slack-manifest", "--url", "https://tools.example.com/countersign/");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("request_url: https://tools.example.com/countersign/slack/events")
                .doesNotContain("countersign//slack");
    }

    @Test
    void printsTheSameManifestAsJson() {
        // when
        CliRun yaml = cli("slack-manifest", "--url", "https://approvals.example.com");
        CliRun json = cli("slack-manifest", "--url", "https://approvals.example.com", "--json");

        // then
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode manifest = JsonMapper.builder().build().readTree(json.out());
        assertThat(manifest.path("settings")
                        .path("interactivity")
                        .path("request_url")
                        .asString())
                .isEqualTo("https://approvals.example.com/slack/events");
        assertThat(JsonMapper.builder().build().convertValue(manifest, Map.class))
                .isEqualTo(new Yaml().load(yaml.out()));
    }

    @Test
    void socketModeHasNoPublicUrls() {
        // when
        CliRun run = cli("slack-manifest", "--socket-mode");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> manifest = new Yaml().load(run.out());
        Map<String, Object> settings = map(manifest.get("settings"));
        assertThat(settings).containsEntry("socket_mode_enabled", true);
        assertThat(map(settings.get("interactivity")))
                .containsEntry("is_enabled", true)
                .doesNotContainKey("request_url");
        assertThat(map(settings.get("event_subscriptions")))
                .doesNotContainKey("request_url")
                .containsEntry("bot_events", List.of("app_home_opened"));
        assertThat(run.out()).doesNotContain("http");
        assertThat(run.out()).contains("command: /approvals", "commands");
    }

    @Test
    void withoutUrlItSaysWhatIsMissingAndExitsWithTheUsageCode() {
        CliRun run = cli("slack-manifest");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--url is required", "--socket-mode");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUrlThatIsNotHttpIsAUsageError() {
        for (String bad : List.of("ftp://approvals.example.com", "approvals.example.com", "https://", "not a url")) {
            CliRun run = cli("slack-manifest", "--url", bad);

            assertThat(run.exitCode()).as(bad + ": " + run).isEqualTo(3);
            assertThat(run.err()).as(bad).contains("--url");
            assertThat(run.out()).as(bad).isEmpty();
        }
    }

    @Test
    void helpSaysWhereToPasteItAndExitsZero() {
        CliRun run = cli("slack-manifest", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--url", "--socket-mode", "--json", "https://api.slack.com/apps");
    }

    @Test
    void urlAndSocketModeTogetherIsAUsageError() {
        CliRun run = cli("slack-manifest", "--socket-mode", "--url", "https://approvals.example.com");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("exclude each other");
    }
}
