package dev.countersign.slack.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.FormBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link ReusedGsonMethodsClient} to the SDK it was written against. It overrides a protected method of the
 * SDK's internal client, so an SDK upgrade could change what that method must do (or stop calling it) without a
 * compile error: these tests fail first, and say what to re-read.
 */
class ReusedGsonMethodsClientTest {

    /** The SDK whose {@code MethodsClientImpl.postFormWithTokenAndParseResponse} the override was checked against. */
    private static final String CHECKED_SDK_VERSION = "1.51.0";

    private HttpServer slack;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startSlack() throws IOException {
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/api/", exchange -> {
            calls.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = """
                    {"ok":true,"channel":"D123","ts":"1700000000.000100","message":{"text":"hi"}}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-OAuth-Scopes", "chat:write,im:write");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slack.start();
    }

    @AfterEach
    void stopSlack() {
        slack.stop(0);
    }

    @Test
    void isCheckedAgainstTheSdkOnTheClasspath() throws NoSuchMethodException {
        // given
        String version = MethodsClientImpl.class.getPackage().getImplementationVersion();
        var overridden = MethodsClientImpl.class.getDeclaredMethod(
                "postFormWithTokenAndParseResponse", FormBody.Builder.class, String.class, String.class, Class.class);

        // when / then
        assertThat(version)
                .as("the Slack SDK changed: re-read MethodsClientImpl.postFormWithTokenAndParseResponse (and what "
                        + "calls it), update ReusedGsonMethodsClient to match, then this version")
                .isEqualTo(CHECKED_SDK_VERSION);
        assertThat(Modifier.isProtected(overridden.getModifiers())).isTrue();
    }

    @Test
    void parsesAnswersAndKeepsTheirHeadersAsTheSdkDoes() throws Exception {
        // given
        ReusedGsonMethodsClient client = new ReusedGsonMethodsClient(slackAt(slack), "xoxb-pinned");

        // when
        ChatPostMessageResponse first =
                client.chatPostMessage(r -> r.channel("D123").text("hi"));
        ChatPostMessageResponse second =
                client.chatPostMessage(r -> r.channel("D123").text("again"));

        // then: both through the override's parsing, with the SDK's request (endpoint, token)
        assertThat(first.isOk()).isTrue();
        assertThat(first.getTs()).isEqualTo("1700000000.000100");
        assertThat(first.getHttpResponseHeaders()).containsEntry("x-oauth-scopes", List.of("chat:write,im:write"));
        assertThat(second.getChannel()).isEqualTo("D123");
        assertThat(calls)
                .filteredOn(call -> call.startsWith("/api/chat."))
                .containsExactly(
                        "/api/chat.postMessage Bearer xoxb-pinned", "/api/chat.postMessage Bearer xoxb-pinned");
    }

    @Test
    void answersOtherThan2xxAreTheSdksApiExceptions() {
        // given
        status = 503;
        ReusedGsonMethodsClient client = new ReusedGsonMethodsClient(slackAt(slack), "xoxb-pinned");

        // when / then
        assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel("D123").text("hi")))
                .isInstanceOfSatisfying(
                        SlackApiException.class,
                        e -> assertThat(e.getResponse().code()).isEqualTo(503));
    }

    private static Slack slackAt(HttpServer server) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
        return Slack.getInstance(config);
    }
}
