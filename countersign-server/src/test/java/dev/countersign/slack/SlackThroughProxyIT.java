package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.CountersignServer;
import dev.countersign.api.ApiClient;
import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.SlackEmulator;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Installs behind strict egress rules reach Slack through their HTTP proxy. */
class SlackThroughProxyIT {

    @TempDir
    Path dataDir;

    @Test
    void everySlackCallGoesThroughTheConfiguredProxy() throws Exception {
        SlackEmulator slack = EmulatedSlack.emulator();
        try (RecordingProxy proxy = new RecordingProxy();
                var app = new SpringApplicationBuilder(CountersignServer.class)
                        .run(
                                "--server.port=0",
                                "--countersign.data-dir=" + dataDir,
                                "--countersign.api-token=proxy-t0ken-0123456789abcdef0123456789",
                                "--countersign.slack.bot-token=" + slack.botToken(),
                                "--countersign.slack.signing-secret=" + slack.signingSecret(),
                                "--countersign.slack.api-url=" + slack.apiUrl(),
                                "--countersign.slack.proxy-url=" + proxy.url())) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Team team = Team.fresh(slack);

            String id = ApiClient.onPort(port, "proxy-t0ken-0123456789abcdef0123456789")
                    .create(NewRequestBody.request(
                                    "Deploy behind a proxy", team.alice().email())
                            .level(1, team.bob().email()))
                    .path("id")
                    .asString();

            team.awaitRequestDm(team.bob(), id);
            assertThat(proxy.forwarded())
                    .extracting(URI::getPath)
                    .contains("/api/users.lookupByEmail", "/api/conversations.open", "/api/chat.postMessage");
        }
    }
}
