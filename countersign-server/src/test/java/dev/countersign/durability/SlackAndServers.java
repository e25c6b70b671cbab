package dev.countersign.durability;

import dev.countersign.emulator.EmulatorSettings;
import dev.countersign.emulator.SlackEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test that runs real server processes against an emulated Slack: a fresh emulator per test, the servers the
 * test starts (their output in target/durability-logs/&lt;test&gt;.log), and all of them stopped afterwards.
 */
final class SlackAndServers implements BeforeEachCallback, AfterEachCallback {

    private static final Path LOGS = Path.of("target", "durability-logs");

    private final List<ServerProcess> servers = new ArrayList<>();
    private SlackEmulator slack;
    private Path log;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        log = LOGS.resolve(context.getRequiredTestMethod().getName() + ".log");
        Files.deleteIfExists(log);
        slack = SlackEmulator.start(EmulatorSettings.defaults());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        servers.forEach(ServerProcess::close);
        servers.clear();
        slack.close();
    }

    SlackEmulator slack() {
        return slack;
    }

    /** What every server here is started with: its data directory, its API token, and the emulator as Slack. */
    Map<String, String> settings(Path dataDir, String apiToken, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("COUNTERSIGN_DATA_DIR", dataDir.toString());
        settings.put("COUNTERSIGN_API_TOKEN", apiToken);
        settings.put("SLACK_BOT_TOKEN", slack.botToken());
        settings.put("SLACK_SIGNING_SECRET", slack.signingSecret());
        settings.put("COUNTERSIGN_SLACK_API_URL", slack.apiUrl());
        return settings;
    }

    ServerProcess start(Map<String, String> settings) {
        ServerProcess server = ServerProcess.start(settings, log);
        servers.add(server);
        return server;
    }
}
