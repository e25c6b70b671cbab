package dev.countersign.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode side: {@code apps.connections.open} (called with the app-level token) hands out a one-use
 * {@code ws://127.0.0.1:{port}/link/?ticket=…} URL; an app that connects there gets a {@code hello}, then
 * envelopes ({@code {"envelope_id","type","payload","accepts_response_payload"}}), each of which it acknowledges
 * with {@code {"envelope_id", "payload"?}} on the same socket. Each delivery is recorded with whether and how fast
 * it was acknowledged ({@link SocketDelivery}).
 */
final class SocketModeServer implements AutoCloseable {

    static final String OPEN_METHOD = "apps.connections.open";
    /** Longer than Slack's three seconds on purpose: a late acknowledgement is measured and reported. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);

    private final EmulatorSettings settings;
    private final String appToken;
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<JsonObject>> pendingAcks = new ConcurrentHashMap<>();
    private final List<SocketDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Server server;

    SocketModeServer(EmulatorSettings settings) {
        this.settings = settings;
        this.appToken = "xapp-1-" + settings.appId() + "-1000000000001-emulator-app-token";
        this.server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setReuseAddr(true);
        server.setDaemon(true);
        server.start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the Socket Mode server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Socket Mode server", e);
        }
    }

    String appToken() {
        return appToken;
    }

    int port() {
        return server.getPort();
    }

    /** {@code apps.connections.open}: a fresh one-use URL for the app-level token, Slack's error otherwise. */
    JsonObject open(String token) {
        JsonObject answer = new JsonObject();
        if (token == null) {
            return error("not_authed");
        }
        if (token.equals(settings.botToken())) {
            return error("not_allowed_token_type");
        }
        if (!token.equals(appToken)) {
            return error("invalid_auth");
        }
        String ticket = UUID.randomUUID().toString();
        tickets.add(ticket);
        answer.addProperty("ok", true);
        answer.addProperty(
                "url", "ws://127.0.0.1:" + port() + "/link/?ticket=" + ticket + "&app_id=" + settings.appId());
        return answer;
    }

    private static JsonObject error(String code) {
        JsonObject error = new JsonObject();
        error.addProperty("ok", false);
        error.addProperty("error", code);
        return error;
    }

    int connectionCount() {
        return (int) connections.stream().filter(WebSocket::isOpen).count();
    }

    /** Drops every connection without warning, as a network failure would: the app must reconnect itself. */
    void dropConnections() {
        connections.forEach(connection -> connection.closeConnection(1006, "connection dropped by the emulator"));
    }

    /** Slack's polite way: a {@code disconnect} message, after which the app opens a new connection. */
    void askToReconnect() {
        JsonObject disconnect = new JsonObject();
        disconnect.addProperty("type", "disconnect");
        disconnect.addProperty("reason", "refresh_requested");
        JsonObject debug = new JsonObject();
        debug.addProperty("host", "applink-emulated");
        disconnect.add("debug_info", debug);
        connections.stream().filter(WebSocket::isOpen).forEach(c -> c.send(disconnect.toString()));
    }

    List<SocketDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Sends an envelope down the newest open connection and waits for its acknowledgement: answers 200 with the
     * acknowledgement's payload as the body (empty when it had none), or status 0 when none came in time.
     */
    InteractionResponse deliver(String type, JsonObject payload, boolean acceptsResponsePayload) {
        WebSocket connection = newestOpenConnection()
                .orElseThrow(() -> new IllegalStateException(
                        "no app is connected over Socket Mode: start the app with the emulator's app token"));
        String envelopeId = UUID.randomUUID().toString();
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        envelope.add("payload", payload);
        envelope.addProperty("type", type);
        envelope.addProperty("accepts_response_payload", acceptsResponsePayload);
        CompletableFuture<JsonObject> ack = new CompletableFuture<>();
        pendingAcks.put(envelopeId, ack);
        String payloadType = payload.has("type") ? payload.get("type").getAsString() : null;
        Instant sent = Instant.now();
        long started = System.nanoTime();
        try {
            connection.send(envelope.toString());
            JsonObject answer = ack.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            JsonElement ackPayload = answer.get("payload");
            String body = ackPayload == null || ackPayload.isJsonNull() ? "" : ackPayload.toString();
            deliveries.add(new SocketDelivery(envelopeId, type, payloadType, sent, true, latency, body));
            return new InteractionResponse(200, body, latency);
        } catch (TimeoutException late) {
            deliveries.add(new SocketDelivery(envelopeId, type, payloadType, sent, false, ACK_WAIT, null));
            return new InteractionResponse(0, "", ACK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an acknowledgement", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pendingAcks.remove(envelopeId);
        }
    }

    private Optional<WebSocket> newestOpenConnection() {
        List<WebSocket> open =
                new ArrayList<>(connections.stream().filter(WebSocket::isOpen).toList());
        return open.isEmpty() ? Optional.empty() : Optional.of(open.getLast());
    }

    @Override
    public void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Server extends WebSocketServer {

        Server(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            String ticket = ticketOf(handshake.getResourceDescriptor());
            if (ticket == null || !tickets.remove(ticket)) {
                connection.close(1008, "invalid or used ticket: call apps.connections.open for a new URL");
                return;
            }
            connections.add(connection);
            JsonObject hello = new JsonObject();
            hello.addProperty("type", "hello");
            hello.addProperty("num_connections", connectionCount());
            JsonObject debug = new JsonObject();
            debug.addProperty("host", "applink-emulated");
            debug.addProperty("build_number", 1);
            debug.addProperty("approximate_connection_time", 18060);
            hello.add("debug_info", debug);
            JsonObject info = new JsonObject();
            info.addProperty("app_id", settings.appId());
            hello.add("connection_info", info);
            connection.send(hello.toString());
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            connections.remove(connection);
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            SlackJson.parseObject(message).ifPresent(ack -> {
                String id = SlackJson.string(ack, "envelope_id");
                CompletableFuture<JsonObject> pending = id == null ? null : pendingAcks.get(id);
                if (pending != null) {
                    pending.complete(ack);
                }
            });
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
            // a broken connection is closed and removed in onClose; the server keeps serving the others
        }

        private static String ticketOf(String resource) {
            if (resource == null) {
                return null;
            }
            String query = URI.create("ws://h" + resource).getRawQuery();
            return HttpIo.form(query).get("ticket");
        }
    }
}
