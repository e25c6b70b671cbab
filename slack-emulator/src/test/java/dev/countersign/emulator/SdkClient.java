package dev.countersign.emulator;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;

/** The real Slack SDK client, pointed at an emulator the way the app points it: by the methods URL prefix. */
final class SdkClient implements AutoCloseable {

    private final Slack slack;
    private final SlackEmulator emulator;

    SdkClient(SlackEmulator emulator) {
        this.emulator = emulator;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(emulator.apiUrl());
        this.slack = Slack.getInstance(config);
    }

    /** A client with the bot token the emulator accepts. */
    MethodsClient bot() {
        return slack.methods(emulator.botToken());
    }

    MethodsClient withToken(String token) {
        return slack.methods(token);
    }

    @Override
    public void close() throws Exception {
        slack.close();
    }
}
