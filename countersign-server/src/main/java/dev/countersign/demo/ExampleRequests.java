package dev.countersign.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the demo's example requests through the service's REST API, as any caller (a CI job, the CLI) would:
 * a standard two-level deploy, an urgent rollback, and an access grant that is also posted to a channel. Before
 * them, Erin becomes Dave's delegate when the service has a delegation API.
 */
final class ExampleRequests {

    static final String CHANNEL = "deploys";

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final URI service;
    private final String token;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ExampleRequests(URI service, String token) {
        this.service = service;
        this.token = token;
    }

    /**
     * Makes Erin Dave's delegate for a week through {@code POST /api/v1/delegations} if the service has that
     * endpoint; answers a line for the demo's output saying what happened.
     */
    String delegate(DemoPeople people) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", people.finalApprover().email());
        body.put("to", people.delegate().email());
        body.put("endsAt", Instant.now().plus(Duration.ofDays(7)).toString());
        body.put("reason", "Dave is on holiday this week");
        body.put("by", people.finalApprover().email());
        HttpResponse<String> answer = send("/api/v1/delegations", body);
        if (answer.statusCode() / 100 == 2) {
            return "Erin can decide for Dave this week (a delegation): she is asked whatever he is.";
        }
        if (answer.statusCode() == 404 || answer.statusCode() == 405) {
            return "Erin is in the directory; this build has no delegation API, so she stands in for nobody yet.";
        }
        return "Erin is in the directory; the delegation API refused the demo's delegation (HTTP " + answer.statusCode()
                + ").";
    }

    List<DemoRequest> create(DemoPeople people) {
        String alice = people.requester().email();
        List<String> leads =
                List.of(people.firstApprover().email(), people.secondApprover().email());
        String dave = people.finalApprover().email();
        String oscar = people.executor().email();

        Map<String, Object> deploy = request(
                "deploy",
                "Deploy billing-api v2.4.0 to production",
                "Adds *PDF export* for invoices. No database migration; rollback is a redeploy of `v2.3.9`.",
                fields(
                        "Service",
                        "billing-api",
                        "Version",
                        "v2.4.0",
                        "Environment",
                        "production",
                        "Change",
                        "https://git.example.com/billing-api/pull/412"),
                alice,
                List.of(level(leads, 1), level(List.of(dave), "all")),
                oscar);
        deploy.put("expiresAfter", "PT24H");

        Map<String, Object> rollback = request(
                "hotfix",
                "Roll back checkout-web to v1.8.2",
                "Checkout errors at 12% since the 14:05 deploy. Oscar rolls back now; the approval follows.",
                fields("Service", "checkout-web", "From", "v1.9.0", "To", "v1.8.2"),
                alice,
                List.of(level(leads, 1)),
                oscar);
        rollback.put("mode", "urgent");

        Map<String, Object> access = request(
                "access",
                "Read access to the analytics database for Alice",
                "For the quarterly churn report. Read-only, 30 days.",
                fields("Database", "analytics-prod", "Role", "readonly", "Duration", "30 days"),
                alice,
                List.of(level(leads, 1), level(List.of(dave), "all")),
                oscar);
        access.put("channel", "#" + CHANNEL);

        return List.of(
                created(deploy, "standard, two levels"),
                created(rollback, "urgent"),
                created(access, "also posted to #" + CHANNEL));
    }

    private DemoRequest created(Map<String, Object> body, String kind) {
        HttpResponse<String> answer = send("/api/v1/requests", body);
        if (answer.statusCode() != 201 && answer.statusCode() != 200) {
            throw new IllegalStateException("the service refused the example request \"" + body.get("title")
                    + "\" with HTTP " + answer.statusCode() + ": " + answer.body());
        }
        JsonNode created = json.readTree(answer.body());
        return new DemoRequest(created.get("id").asString(), String.valueOf(body.get("title")), kind);
    }

    private static Map<String, Object> request(
            String type,
            String title,
            String description,
            Map<String, String> fields,
            String requester,
            List<Map<String, Object>> levels,
            String executor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("description", description);
        body.put("fields", fields);
        body.put("requester", requester);
        body.put("levels", levels);
        body.put("executors", List.of(executor));
        return body;
    }

    private static Map<String, Object> level(List<String> approvers, Object required) {
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("approvers", approvers);
        level.put("required", required);
        return level;
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private HttpResponse<String> send(String path, Map<String, Object> body) {
        HttpRequest request = HttpRequest.newBuilder(service.resolve(path))
                .timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the demo service did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the example requests", e);
        }
    }
}
