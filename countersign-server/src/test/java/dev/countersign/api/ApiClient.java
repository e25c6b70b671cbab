package dev.countersign.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A caller of the REST API over real HTTP ({@link java.net.http.HttpClient}), as a CI job or the CLI would be.
 * It remembers every answer it got, so that a test can check what a caller could ever have seen.
 */
public final class ApiClient {

    public static final String REQUESTS = "/api/v1/requests";
    public static final String DELEGATIONS = "/api/v1/delegations";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final java.util.Map<String, String> PERSONAL_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private final URI base;
    private final String token;
    private final List<Answer> answers;

    private ApiClient(URI base, String token, List<Answer> answers) {
        this.base = base;
        this.token = token;
        this.answers = answers;
    }

    /** A client with the token of {@link RunningApp}. */
    public static ApiClient onPort(int port) {
        return onPort(port, RunningApp.TOKEN);
    }

    public static ApiClient onPort(int port, String token) {
        return new ApiClient(URI.create("http://127.0.0.1:" + port), token, new CopyOnWriteArrayList<>());
    }

    /** The same server with another token (or none, for {@code null}); answers are remembered together. */
    public ApiClient withToken(String otherToken) {
        return new ApiClient(base, otherToken, answers);
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(150))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    public Answer post(String path, String json, String... headers) {
        return post(path, BodyPublishers.ofString(json), headers);
    }

    public Answer post(String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder builder =
                request(path).header("Content-Type", "application/json").POST(body);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    public Answer patch(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(json))
                .build());
    }

    public Answer send(HttpRequest request) {
        return send(request, true);
    }

    private Answer send(HttpRequest request, boolean remembered) {
        try {
            var response = HTTP.send(request, BodyHandlers.ofString());
            return remembered
                    ? remember(response)
                    : new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public CompletableFuture<Answer> getAsync(String path) {
        return HTTP.sendAsync(request(path).GET().build(), BodyHandlers.ofString())
                .thenApply(this::remember);
    }

    private Answer remember(java.net.http.HttpResponse<String> response) {
        Answer answer = new Answer(response.statusCode(), response.headers(), response.body());
        answers.add(answer);
        return answer;
    }

    /** Every answer this client (and those made from it with {@link #withToken}) received. */
    public List<Answer> answersSeen() {
        return List.copyOf(answers);
    }

    // --- the calls a journey makes, each asserting that it succeeded ---

    /** Creates a request and returns it; fails the test unless the answer is 201. */
    public JsonNode create(NewRequestBody body) {
        Answer answer = post(REQUESTS, body.json());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }

    /**
     * A decision by {@code approver} as a person makes it through the API: with their own personal token (created
     * for them once per server with this client's admin token).
     */
    public Answer decide(String id, String approver, String verdict, String reason) {
        var decision = JSON.createObjectNode().put("approver", approver).put("verdict", verdict);
        if (reason != null) {
            decision.put("reason", reason);
        }
        return asPerson(approver).post(REQUESTS + "/" + id + "/decisions", decision.toString());
    }

    /** The same server, calling with this person's own token; answers are remembered together. */
    public ApiClient asPerson(String email) {
        return withToken(personalToken(email));
    }

    /** A personal token of {@code email}, created once per server with this client's (admin) token. */
    public String personalToken(String email) {
        return PERSONAL_TOKENS.computeIfAbsent(
                base + " " + token + " " + email.toLowerCase(java.util.Locale.ROOT), key -> {
                    var answer = send(
                            request("/api/v1/people/" + email + "/tokens")
                                    .header("Content-Type", "application/json")
                                    .POST(BodyPublishers.ofString("{\"name\":\"test\"}"))
                                    .build(),
                            false);
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                    return answer.json().path("token").asString();
                });
    }

    /** An admin override: the admin token deciding in {@code approver}'s name. */
    public Answer override(String id, String approver, String verdict, String why) {
        var decision = JSON.createObjectNode().put("approver", approver).put("verdict", verdict);
        decision.putObject("override").put("reason", why);
        return post(REQUESTS + "/" + id + "/decisions", decision.toString());
    }

    /** Approves and returns the request afterwards; fails the test unless the answer is 200. */
    public JsonNode approve(String id, String approver) {
        Answer answer = decide(id, approver, "approve", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** Delegates from one person to another until {@code endsAt}; fails the test unless the answer is 201. */
    public JsonNode delegate(String from, String to, java.time.Instant endsAt) {
        Answer answer = post(
                DELEGATIONS,
                JSON.createObjectNode()
                        .put("from", from)
                        .put("to", to)
                        .put("endsAt", endsAt.toString())
                        .toString());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }

    /** A decision by a proxy, on behalf of {@code onBehalfOf}. */
    public Answer decideFor(String id, String proxy, String onBehalfOf, String verdict, String reason) {
        var decision = JSON.createObjectNode()
                .put("approver", proxy)
                .put("onBehalfOf", onBehalfOf)
                .put("verdict", verdict);
        if (reason != null) {
            decision.put("reason", reason);
        }
        return asPerson(proxy).post(REQUESTS + "/" + id + "/decisions", decision.toString());
    }

    public Answer cancel(String id) {
        return post(REQUESTS + "/" + id + "/cancel", "{\"reason\":\"no longer needed\"}");
    }

    public Answer execute(String id, String executor) {
        return post(
                REQUESTS + "/" + id + "/execution",
                JSON.createObjectNode().put("executor", executor).toString());
    }

    public JsonNode fetch(String id) {
        Answer answer = get(REQUESTS + "/" + id);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** One HTTP answer as a caller sees it. */
    public record Answer(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + headers.map() + " " + body;
        }
    }
}
