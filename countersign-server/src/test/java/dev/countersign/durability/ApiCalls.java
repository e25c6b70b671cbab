package dev.countersign.durability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as a plain HTTP client sees it. A call that gets no answer throws {@link IOException}. */
final class ApiCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI baseUrl;
    private final String token;
    private final java.util.Map<String, String> personalTokens = new java.util.concurrent.ConcurrentHashMap<>();

    ApiCalls(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    record Answer(int status, JsonNode body) {}

    Answer post(String path, String json) throws IOException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** A call with {@code person}'s own personal token, created once with the admin token (and kept by the server). */
    Answer postAs(String person, String path, String json) throws IOException {
        String personal = personalTokens.get(person);
        if (personal == null) {
            Answer created = post("/api/v1/people/" + person + "/tokens", "{\"name\":\"durability\"}");
            if (created.status() != 201) {
                return created;
            }
            personal = created.body().path("token").asString();
            personalTokens.putIfAbsent(person, personal);
        }
        return send(HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + personal)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Answer get(String path) throws IOException {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
