package dev.countersign.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API of a Countersign server, {@code /api/v1}, as the CLI uses it. Every call returns the server's JSON
 * or throws a {@link CliFailure}: {@link ServerUnreachable} when there is no answer, {@link ServerProblem} when
 * the answer is an HTTP error.
 */
final class CountersignClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** A long-poll may take its full timeout; allow for the server's and the network's own latency on top. */
    private static final Duration LONG_POLL_MARGIN = Duration.ofSeconds(30);

    private final ServerSettings settings;
    private final JsonMapper mapper;
    private final HttpClient http;

    CountersignClient(ServerSettings settings, JsonMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** {@code POST /requests}; 201 for a new request, 200 when the idempotency key names an existing one. */
    JsonNode create(Map<String, Object> request, String idempotencyKey) {
        HttpRequest.Builder call = post("/requests", request);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            call.header("Idempotency-Key", idempotencyKey);
        }
        return send(call, CALL_TIMEOUT);
    }

    JsonNode get(String id) {
        return send(request(path(id)).GET(), CALL_TIMEOUT);
    }

    /** {@code GET /requests?...}; blank or {@code null} values are left out of the query. */
    JsonNode list(Map<String, String> query) {
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                parameters.add(name + "=" + encode(value));
            }
        });
        return send(request("/requests" + parameters).GET(), CALL_TIMEOUT);
    }

    /** {@code GET /requests/{id}/wait?timeout=Ns}: answers when the request is terminal, or at the timeout. */
    JsonNode awaitDecision(String id, Duration timeout) {
        long seconds = Math.max(1, timeout.toSeconds());
        return send(
                request(path(id) + "/wait?timeout=" + seconds + "s").GET(),
                Duration.ofSeconds(seconds).plus(LONG_POLL_MARGIN));
    }

    JsonNode decide(String id, Map<String, Object> decision) {
        return send(post(path(id) + "/decisions", decision), CALL_TIMEOUT);
    }

    JsonNode cancel(String id, Map<String, Object> cancellation) {
        return send(post(path(id) + "/cancel", cancellation), CALL_TIMEOUT);
    }

    JsonNode recordExecution(String id, Map<String, Object> execution) {
        return send(post(path(id) + "/execution", execution), CALL_TIMEOUT);
    }

    /** {@code POST /delegations}: 201 with the new delegation. */
    JsonNode createDelegation(Map<String, Object> delegation) {
        return send(post("/delegations", delegation), CALL_TIMEOUT);
    }

    /** {@code GET /delegations?...}; blank or {@code null} values are left out of the query. */
    JsonNode delegations(Map<String, String> query) {
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                parameters.add(name + "=" + encode(value));
            }
        });
        return send(request("/delegations" + parameters).GET(), CALL_TIMEOUT);
    }

    JsonNode revokeDelegation(String id, Map<String, Object> revocation) {
        return send(post("/delegations/" + encode(id) + "/revoke", revocation), CALL_TIMEOUT);
    }

    /** {@code POST /clients}: 201 with the new client and, once, its token. */
    JsonNode createClient(Map<String, Object> client) {
        return send(post("/clients", client), CALL_TIMEOUT);
    }

    JsonNode clients() {
        return send(request("/clients").GET(), CALL_TIMEOUT);
    }

    JsonNode revokeClient(String id) {
        return send(post("/clients/" + encode(id) + "/revoke", Map.of()), CALL_TIMEOUT);
    }

    /** {@code POST /people/{email}/tokens}: 201 with the new token, shown once. */
    JsonNode createToken(String email, Map<String, Object> token) {
        return send(post("/people/" + encode(email) + "/tokens", token), CALL_TIMEOUT);
    }

    JsonNode tokens(String email) {
        return send(request("/people/" + encode(email) + "/tokens").GET(), CALL_TIMEOUT);
    }

    JsonNode revokeToken(String email, String id) {
        return send(post("/people/" + encode(email) + "/tokens/" + encode(id) + "/revoke", Map.of()), CALL_TIMEOUT);
    }

    URI baseUrl() {
        return settings.baseUrl();
    }

    @Override
    public void close() {
        http.close();
    }

    private static String path(String id) {
        return "/requests/" + encode(id);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder post(String path, Map<String, Object> body) {
        return request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/api/v1" + path))
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "countersign-cli");
        settings.token().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return builder;
    }

    private JsonNode send(HttpRequest.Builder call, Duration timeout) {
        HttpRequest request = call.timeout(timeout).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.SERVER_ERROR, "interrupted while talking to " + settings.baseUrl(), e);
        } catch (IOException e) {
            throw new ServerUnreachable(
                    "cannot reach the server at " + settings.baseUrl() + ": " + describe(e)
                            + " (is it running? set COUNTERSIGN_URL or pass --url)",
                    e);
        }
        if (response.statusCode() >= 400) {
            throw problem(response);
        }
        try {
            return mapper.readTree(response.body());
        } catch (JacksonException e) {
            throw new CliFailure(
                    ExitCode.SERVER_ERROR,
                    "the server at " + settings.baseUrl() + " answered "
                            + response.statusCode()
                            + " with something that is not JSON; is COUNTERSIGN_URL pointing at "
                            + "Countersign?",
                    e);
        }
    }

    private ServerProblem problem(HttpResponse<String> response) {
        String title = null;
        String detail = null;
        try {
            JsonNode body = mapper.readTree(response.body());
            title = text(body.path("title"));
            detail = text(body.path("detail"));
        } catch (JacksonException notJson) {
            // a proxy's HTML error page: the status code alone says enough
        }
        int status = response.statusCode();
        String hint = status == 401 ? settings.describeTokenSource() : null;
        return new ServerProblem(status, title, detail, hint);
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return e.getCause() instanceof UnresolvedAddressException ? "unknown host" : "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
