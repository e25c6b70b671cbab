package dev.countersign.slack.inbound;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.util.json.GsonFactory;
import dev.countersign.slack.SocketModeConnection;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Socket Mode: the service opens a WebSocket to Slack ({@code apps.connections.open} with the app-level token) and
 * Slack sends its callbacks down it as envelopes, each acknowledged by its id. Needs no public Request URL, so it
 * works from inside a private network.
 *
 * <p>Envelopes go through {@link SlackInbound}, the same path as the Request URL's: a click is acknowledged at once
 * and handled after; a modal submission is handled first and its answer (e.g. the errors to show in the modal)
 * travels in the acknowledgement's payload. The SDK's client keeps the session alive: it pings, and a session
 * monitor opens a new connection within seconds when one drops; Slack's {@code disconnect} messages (sent before it
 * retires a connection) are followed at once.
 */
class SlackSocketMode implements SmartLifecycle, SocketModeConnection {

    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);
    private static final long RETRY_SECONDS = 10;

    private final Slack slack;
    private final String appToken;
    private final SlackInbound inbound;
    private final SocketModeRequestParser parser;
    private final Gson gson;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("slack-socket-connect").daemon().factory());
    private volatile SocketModeClient client;
    private volatile boolean running;

    SlackSocketMode(Slack slack, String appToken, SlackInbound inbound) {
        this.slack = slack;
        this.appToken = appToken;
        this.inbound = inbound;
        this.parser = new SocketModeRequestParser(inbound.app().config());
        this.gson = GsonFactory.createSnakeCase(slack.getConfig());
    }

    /**
     * Connects, or refuses to start when Slack refuses the app token: a service that can never hear a click must
     * not look healthy. When Slack cannot be reached at all, it keeps trying in the background.
     */
    @Override
    public void start() {
        running = true;
        try {
            connect();
        } catch (IOException unreachable) {
            log.warn(
                    "Socket Mode: cannot reach Slack to open a connection ({}); trying again every {} s",
                    unreachable.getMessage(),
                    RETRY_SECONDS);
            retries.schedule(this::retry, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void connect() throws IOException {
        SocketModeClient opened;
        try {
            opened = slack.socketMode(appToken, SocketModeClient.Backend.JavaWebSocket);
        } catch (IllegalStateException refused) {
            // The SDK's words: "Failed to connect to the Socket Mode endpoint URL (error: invalid_auth)"
            throw new IllegalStateException("Slack refused SLACK_APP_TOKEN: " + refused.getMessage()
                    + ". Use an app-level token (xapp-…) with the connections:write scope, from the app's Basic "
                    + "Information page, and turn Socket Mode on for the app.");
        }
        opened.addWebSocketMessageListener(this::onMessage);
        client = opened;
        opened.connect();
        opened.setAutoReconnectEnabled(true);
        log.info("Socket Mode: connecting to Slack");
    }

    private void retry() {
        if (!running) {
            return;
        }
        try {
            connect();
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Socket Mode: still cannot open a connection ({}); trying again in {} s",
                    e.getMessage(),
                    RETRY_SECONDS);
            retries.schedule(this::retry, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** One message from the socket, on one of the SDK's message threads. */
    void onMessage(String message) {
        Optional<SocketEnvelope> read = SocketEnvelope.read(message);
        if (read.isEmpty()) {
            return; // hello, and anything else without an envelope: nothing to acknowledge
        }
        SocketEnvelope envelope = read.get();
        SocketModeClient current = client;
        if (SlackInbound.acknowledgedBeforeHandling(envelope.payloadType())) {
            // Unacknowledged when too busy: Slack then delivers it again.
            if (inbound.handleAfterAck(() -> requestOf(message))) {
                current.sendSocketModeResponse(new AckResponse(envelope.envelopeId()));
            }
            return;
        }
        SocketModeRequest request = parser.parse(message);
        if (request == null || request.getBoltRequest() == null) {
            log.warn(
                    "Socket Mode: an envelope of type {} / {} that Countersign does not handle",
                    envelope.type(),
                    envelope.payloadType());
            current.sendSocketModeResponse(new AckResponse(envelope.envelopeId()));
            return;
        }
        Response answer;
        try {
            answer = inbound.handleNow(request.getBoltRequest());
        } catch (Exception e) {
            log.error("Handling a Slack envelope failed", e);
            return; // unacknowledged: Slack shows the user an error, as after an HTTP 500
        }
        if (answer.getStatusCode() != 200) {
            log.warn(
                    "Socket Mode: Bolt answered {} to a {} envelope; not acknowledged",
                    answer.getStatusCode(),
                    envelope.payloadType());
            return;
        }
        current.sendSocketModeResponse(ack(envelope.envelopeId(), answer));
    }

    private com.slack.api.bolt.request.Request<?> requestOf(String message) {
        SocketModeRequest request = parser.parse(message);
        return request == null ? null : request.getBoltRequest();
    }

    /** The acknowledgement, carrying Bolt's answer (modal errors, a slash command's reply) as its payload. */
    private String ack(String envelopeId, Response answer) {
        JsonObject ack = new JsonObject();
        ack.addProperty("envelope_id", envelopeId);
        String body = answer.getBody();
        if (body != null && !body.isEmpty()) {
            if (answer.getContentType() != null && answer.getContentType().startsWith("application/json")) {
                ack.add("payload", gson.fromJson(body, JsonElement.class));
            } else {
                JsonObject text = new JsonObject();
                text.addProperty("text", body);
                ack.add("payload", text);
            }
        }
        return ack.toString();
    }

    /** Closes the connection cleanly (the SDK stops reconnecting first) and ends the SDK's threads. */
    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        SocketModeClient current = client;
        client = null;
        if (current != null) {
            try {
                current.close();
                log.info("Socket Mode: connection closed");
            } catch (IOException | RuntimeException e) {
                log.warn("Socket Mode: closing the connection failed: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Pings Slack on the current connection: answers within about 100 ms when it is up, 3 s when not. */
    @Override
    public boolean open() {
        SocketModeClient current = client;
        return running && current != null && current.verifyConnection();
    }
}
