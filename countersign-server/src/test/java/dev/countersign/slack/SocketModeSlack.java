package dev.countersign.slack;

import dev.countersign.emulator.EmulatorSettings;
import dev.countersign.emulator.SlackEmulator;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * An emulator of its own (so that no HTTP-mode test ever sees its socket), wired into the app for Socket Mode: bot
 * token and app-level token, no signing secret, no Request URL.
 */
public class SocketModeSlack implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static SlackEmulator emulator;

    public static synchronized SlackEmulator emulator() {
        if (emulator == null) {
            emulator = SlackEmulator.start(EmulatorSettings.defaults().withBotToken("xoxb-socket-test-51a7"));
            emulator.deliverVia(SlackEmulator.Transport.SOCKET_MODE);
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
                        "socket-mode-slack",
                        Map.of(
                                "countersign.slack.bot-token", slack.botToken(),
                                "countersign.slack.signing-secret", "",
                                "countersign.slack.app-token", slack.appToken(),
                                "countersign.slack.api-url", slack.apiUrl(),
                                "countersign.slack.dispatcher-poll-interval", "100ms")));
    }
}
