package dev.countersign.slack;

import dev.countersign.emulator.EmulatorSettings;
import dev.countersign.emulator.SlackEmulator;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The project's Slack emulator, one per test JVM, wired into the application under test as Slack: its Web API
 * URL, bot token and signing secret. Tests tell it the app's Request URL once the app has a port.
 */
public class EmulatedSlack implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static SlackEmulator emulator;

    public static synchronized SlackEmulator emulator() {
        if (emulator == null) {
            emulator = SlackEmulator.start(EmulatorSettings.defaults()
                    .withBotToken("xoxb-test-7c1d0f5e2a")
                    .withSigningSecret("signing-secret-test-93b1e4"));
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        }
        return emulator;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        SlackEmulator slack = emulator();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "emulated-slack",
                        Map.of(
                                "countersign.slack.bot-token", slack.botToken(),
                                "countersign.slack.signing-secret", slack.signingSecret(),
                                "countersign.slack.api-url", slack.apiUrl(),
                                // Prompt retries in tests; the production default polls every 500 ms.
                                "countersign.slack.dispatcher-poll-interval", "100ms")));
    }
}
