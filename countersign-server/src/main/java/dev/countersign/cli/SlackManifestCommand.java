package dev.countersign.cli;

import dev.countersign.slack.SlackAppManifest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code countersign slack-manifest --url URL}: the Slack app manifest to paste at api.slack.com/apps. */
@Command(
        name = "slack-manifest",
        sortOptions = false,
        header = "Print the Slack app manifest for this service.",
        description = {
            "Paste it at https://api.slack.com/apps under Create New App > From an app manifest.",
            "Every Request URL is <url>" + SlackAppManifest.REQUEST_PATH + " (interactivity, /approvals, events).",
            "",
            "Examples:",
            "  countersign slack-manifest --url https://approvals.example.com",
            "  countersign slack-manifest --socket-mode --json"
        })
final class SlackManifestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "Where Slack reaches the service (COUNTERSIGN_BASE_URL), e.g. https://approvals.example.com."
                    + " Required unless --socket-mode.")
    private String url;

    @Option(
            names = "--socket-mode",
            description = "For Socket Mode (SLACK_APP_TOKEN): the service connects out, so no public Request URL.")
    private boolean socketMode;

    @Option(names = "--json", description = "JSON instead of YAML.")
    private boolean json;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    private boolean help;

    @Override
    public Integer call() {
        Map<String, Object> manifest;
        if (socketMode) {
            if (url != null) {
                throw new CliFailure(
                        ExitCode.USAGE_ERROR,
                        "--url and --socket-mode exclude each other: in Socket " + "Mode Slack needs no Request URL");
            }
            manifest = SlackAppManifest.forSocketMode();
        } else {
            manifest = SlackAppManifest.forRequestUrl(baseUrl(url));
        }
        spec.commandLine().getOut().print(json ? json(manifest) : yaml(manifest));
        spec.commandLine().getOut().flush();
        return ExitCode.SUCCESS.code();
    }

    private static URI baseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new CliFailure(
                    ExitCode.USAGE_ERROR,
                    "--url is required: the public https:// address where "
                            + "Slack reaches this service (or use --socket-mode)");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new CliFailure(ExitCode.USAGE_ERROR, "--url '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new CliFailure(
                    ExitCode.USAGE_ERROR,
                    "--url '" + url + "' must be an http(s) address such as " + "https://approvals.example.com");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new CliFailure(ExitCode.USAGE_ERROR, "--url '" + url + "' must not have a query or fragment");
        }
        return uri;
    }

    private static String yaml(Map<String, Object> manifest) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setPrettyFlow(true);
        return new Yaml(options).dump(manifest);
    }

    private static String json(Map<String, Object> manifest) {
        return JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(manifest)
                + System.lineSeparator();
    }
}
