package dev.countersign.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few REST calls the scenarios make, on one shared {@link HttpClient} (HTTP/1.1, its own work on virtual
 * threads). Callers block in {@link #send} on virtual threads of their own, so ten thousand parked long-polls cost
 * ten thousand connections and no platform thread. Every call has a timeout: nothing here can hang a run.
 */
final class BenchClient implements AutoCloseable {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Allowance over a long-poll's own timeout for the server to answer it. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(30);

    /** An HTTP answer; {@code location} is the {@code Location} header, empty when absent. */
    record Reply(int status, String body, Optional<String> location) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final java.util.concurrent.ConcurrentMap<String, String> personalTokens =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final BenchTarget target;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final JsonMapper mapper = JsonMapper.builder().build();

    BenchClient(BenchTarget target) {
        this.target = target;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
    }

    /**
     * {@code POST /api/v1/requests}; the new request's id is the last segment of {@code Location}. The body is not
     * read (the reply's is empty): decoding thousands of them per second would load the machine under test.
     */
    Reply create(Map<String, Object> request) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(
                post("/api/v1/requests", request).timeout(CALL_TIMEOUT).build(),
                HttpResponse.BodyHandlers.discarding());
        return new Reply(response.statusCode(), "", response.headers().firstValue("Location"));
    }

    /** {@code GET /api/v1/requests?limit=N}: the cheapest call that proves URL and token. */
    Reply list(int limit) throws IOException, InterruptedException {
        return send(call("/api/v1/requests?limit=" + limit).GET(), CALL_TIMEOUT);
    }

    Reply get(String id) throws IOException, InterruptedException {
        return send(call("/api/v1/requests/" + id).GET(), CALL_TIMEOUT);
    }

    /** {@code GET /api/v1/requests/{id}/wait?timeout=...}: the long-poll. */
    Reply await(String id, Duration timeout) throws IOException, InterruptedException {
        return send(
                call("/api/v1/requests/" + id + "/wait?timeout=" + timeout.toSeconds() + "s")
                        .GET(),
                timeout.plus(WAIT_MARGIN));
    }

    /** The approver approves with their own personal token, as a person would (created once with the admin token). */
    Reply approve(String id, String approver) throws IOException, InterruptedException {
        String token = personalTokens.get(approver);
        if (token == null) {
            Reply created = send(post("/api/v1/people/" + approver + "/tokens", Map.of("name", "bench")), CALL_TIMEOUT);
            if (created.status() != 201) {
                return created;
            }
            token = mapper.readTree(created.body()).path("token").asString();
            personalTokens.putIfAbsent(approver, token);
        }
        return send(
                post("/api/v1/requests/" + id + "/decisions", Map.of("verdict", "approve"))
                        .setHeader("Authorization", "Bearer " + token),
                CALL_TIMEOUT);
    }

    /** A value of the server's {@code /actuator/metrics/{name}}, empty when the endpoint is not exposed. */
    Optional<Double> metric(String name, String statistic) {
        try {
            Reply reply = send(call("/actuator/metrics/" + name).GET(), Duration.ofSeconds(5));
            if (reply.status() != 200) {
                return Optional.empty();
            }
            for (JsonNode measurement : mapper.readTree(reply.body()).path("measurements")) {
                if (statistic.equals(measurement.path("statistic").asString())) {
                    return Optional.of(measurement.path("value").asDouble());
                }
            }
            return Optional.empty();
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The {@code status} field of a request's JSON ({@code pending}, {@code approved}...), or {@code "?"}. */
    String status(Reply reply) {
        try {
            return mapper.readTree(reply.body()).path("status").asString("?");
        } catch (JacksonException e) {
            return "?";
        }
    }

    /** How many of a request's decisions (its JSON's {@code decisions}) were made {@code via} this channel. */
    long decisionsVia(Reply reply, String via) {
        try {
            long count = 0;
            for (JsonNode decision : mapper.readTree(reply.body()).path("decisions")) {
                count += via.equals(decision.path("via").asString()) ? 1 : 0;
            }
            return count;
        } catch (JacksonException e) {
            return 0;
        }
    }

    static String idFrom(Reply created) {
        String location = created.location().orElseThrow(() -> new IllegalStateException("no Location header"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    URI baseUrl() {
        return target.baseUrl();
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }

    private HttpRequest.Builder post(String path, Map<String, Object> body) {
        return call(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
    }

    private HttpRequest.Builder call(String path) {
        return HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Accept", "application/json")
                .header("User-Agent", "countersign-bench")
                .header("Authorization", "Bearer " + target.token());
    }

    private Reply send(HttpRequest.Builder call, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(call.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(
                response.statusCode(), response.body(), response.headers().firstValue("Location"));
    }
}
