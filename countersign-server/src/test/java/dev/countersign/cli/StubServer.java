package dev.countersign.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A scripted stand-in for the Countersign API, for testing the client's side of the contract (what it sends,
 * how it reads answers and errors) without starting Spring. Answers are queued per "METHOD /path"; the last one
 * queued for a route is repeated.
 */
final class StubServer implements AutoCloseable {

    record Answer(int status, String contentType, String body) {}

    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Received> received = new ArrayList<>();
    private Consumer<Received> onReceive = request -> {};

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StubServer answer(String route, int status, String json) {
        String contentType = status >= 400 ? "application/problem+json" : "application/json";
        synchronized (this) {
            answers.computeIfAbsent(route, key -> new ArrayDeque<>()).add(new Answer(status, contentType, json));
        }
        return this;
    }

    /** Runs on every request before it is answered, e.g. to let fake time pass during a long-poll. */
    StubServer onReceive(Consumer<Received> action) {
        this.onReceive = action;
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<Received> received(String method, String path) {
        return received.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()),
                body);
        Answer answer;
        synchronized (this) {
            received.add(request);
            Deque<Answer> queue = answers.get(request.method() + " " + request.path());
            answer = queue == null || queue.isEmpty() ? null : queue.size() > 1 ? queue.poll() : queue.peek();
        }
        onReceive.accept(request);
        if (answer == null) {
            answer = new Answer(
                    404,
                    "application/problem+json",
                    "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no stub for " + request.path() + "\"}");
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
