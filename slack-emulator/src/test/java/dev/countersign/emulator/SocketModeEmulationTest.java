package dev.countersign.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulator's Socket Mode side, driven by a plain WebSocket client the way the SDK drives Slack's. */
class SocketModeEmulationTest {

    private final SlackEmulator slack = SlackEmulator.start();
    private final SdkClient sdk = new SdkClient(slack);
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Client client : clients) {
            client.closeBlocking();
        }
        sdk.close();
        slack.close();
    }

    @Test
    void appsConnectionsOpenTakesOnlyTheAppTokenAndNoOtherMethodTakesIt() throws Exception {
        // when
        var withAppToken = sdk.withToken(slack.appToken()).appsConnectionsOpen(r -> r);
        var withBotToken = sdk.bot().appsConnectionsOpen(r -> r);
        var withWrongToken = sdk.withToken("xapp-1-A0-wrong").appsConnectionsOpen(r -> r);
        var postWithAppToken = sdk.withToken(slack.appToken())
                .chatPostMessage(r -> r.channel("C1").text("hi"));

        // then
        assertThat(withAppToken.isOk()).isTrue();
        assertThat(withAppToken.getUrl()).startsWith("ws://127.0.0.1:").contains("/link/?ticket=");
        assertThat(withBotToken.getError()).isEqualTo("not_allowed_token_type");
        assertThat(withWrongToken.getError()).isEqualTo("invalid_auth");
        assertThat(postWithAppToken.getError()).isEqualTo("not_allowed_token_type");
    }

    @Test
    void aConnectedAppGetsHelloThenEnvelopesWhoseAcknowledgementsAreTimedAndReturned() throws Exception {
        // given: an app that answers every envelope with a payload
        Client app = connect(slack.appToken(), (client, envelope) -> {
            JsonObject ack = new JsonObject();
            ack.addProperty("envelope_id", envelope.get("envelope_id").getAsString());
            JsonObject payload = new JsonObject();
            payload.addProperty("response_action", "clear");
            ack.add("payload", payload);
            client.send(ack.toString());
        });
        await().until(() -> !app.received.isEmpty());
        assertThat(SlackJson.string(app.received.getFirst(), "type")).isEqualTo("hello");

        // when
        InteractionResponse answer = slack.sendEnvelope("interactive", "{\"type\":\"view_submission\"}", true);

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"response_action\":\"clear\"}");
        JsonObject envelope = app.received.get(1);
        assertThat(SlackJson.string(envelope, "type")).isEqualTo("interactive");
        assertThat(envelope.get("accepts_response_payload").getAsBoolean()).isTrue();
        assertThat(SlackJson.string(SlackJson.object(envelope, "payload"), "type"))
                .isEqualTo("view_submission");
        SocketDelivery delivery = slack.socketDeliveries().getLast();
        assertThat(delivery.acked()).isTrue();
        assertThat(delivery.acknowledgedInTime()).isTrue();
        assertThat(delivery.envelopeId()).isEqualTo(SlackJson.string(envelope, "envelope_id"));
    }

    @Test
    void aTicketWorksOnceAndADroppedConnectionIsGone() throws Exception {
        // given
        String url = sdk.withToken(slack.appToken()).appsConnectionsOpen(r -> r).getUrl();
        Client first = connectTo(url, (client, envelope) -> {});
        await().until(() -> slack.socketConnections() == 1);

        // when: the same URL again
        Client second = connectTo(url, (client, envelope) -> {});

        // then: refused; and after a drop nothing is connected, so nothing can be delivered
        await().until(second::isClosed);
        assertThat(slack.socketConnections()).isEqualTo(1);
        slack.dropSocketConnections();
        await().until(first::isClosed);
        assertThat(slack.socketConnections()).isZero();
        assertThatThrownBy(() -> slack.sendEnvelope("interactive", "{\"type\":\"block_actions\"}", false))
                .hasMessageContaining("no app is connected over Socket Mode");
    }

    private Client connect(String appToken, java.util.function.BiConsumer<Client, JsonObject> onEnvelope)
            throws Exception {
        return connectTo(sdk.withToken(appToken).appsConnectionsOpen(r -> r).getUrl(), onEnvelope);
    }

    private Client connectTo(String url, java.util.function.BiConsumer<Client, JsonObject> onEnvelope)
            throws Exception {
        Client client = new Client(URI.create(url), onEnvelope);
        clients.add(client);
        client.connectBlocking();
        return client;
    }

    private static final class Client extends WebSocketClient {

        final List<JsonObject> received = new CopyOnWriteArrayList<>();
        private final java.util.function.BiConsumer<Client, JsonObject> onEnvelope;

        Client(URI uri, java.util.function.BiConsumer<Client, JsonObject> onEnvelope) {
            super(uri);
            this.onEnvelope = onEnvelope;
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String message) {
            JsonObject json = SlackJson.parseObject(message).orElseThrow();
            received.add(json);
            if (json.has("envelope_id")) {
                onEnvelope.accept(this, json);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {}

        @Override
        public void onError(Exception e) {}
    }
}
