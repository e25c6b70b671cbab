package dev.countersign.api;

import static dev.countersign.api.NewRequestBody.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description and the implementation cannot drift: the document lists exactly what the controller
 * serves, and everything the document lists answers when called.
 */
@RunningApp
class OpenApiDocumentIT {

    private static final Set<String> API_OPERATIONS = Set.of(
            "POST /api/v1/requests",
            "GET /api/v1/requests",
            "GET /api/v1/requests/{id}",
            "GET /api/v1/requests/{id}/wait",
            "POST /api/v1/requests/{id}/decisions",
            "POST /api/v1/requests/{id}/cancel",
            "POST /api/v1/requests/{id}/execution",
            "GET /api/v1/requests/{id}/events",
            "GET /api/v1/requests/{id}/slack-exchanges",
            "GET /api/v1/settings",
            "PATCH /api/v1/settings",
            "GET /api/v1/settings/changes",
            "POST /api/v1/delegations",
            "GET /api/v1/delegations",
            "GET /api/v1/delegations/{id}",
            "POST /api/v1/delegations/{id}/revoke",
            "POST /api/v1/clients",
            "GET /api/v1/clients",
            "POST /api/v1/clients/{id}/revoke",
            "POST /api/v1/people",
            "GET /api/v1/people",
            "POST /api/v1/people/{email}/tokens",
            "GET /api/v1/people/{email}/tokens",
            "POST /api/v1/people/{email}/tokens/{id}/revoke");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
    }

    @Test
    void documentNeedsACredential() {
        // when
        ApiClient.Answer anonymous = api.withToken(null).get("/v3/api-docs");
        ApiClient.Answer answer = api.get("/v3/api-docs");

        // then
        ProblemAssert.assertThatProblem(anonymous).is(401);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("openapi").asString()).startsWith("3.");
        assertThat(answer.json().path("info").path("title").asString()).isEqualTo("Countersign API");
    }

    @Test
    void documentListsEveryOperationOfTheApiAndNoOther() {
        // when
        Set<String> documented = operations(document());

        // then
        assertThat(documented).containsExactlyInAnyOrderElementsOf(API_OPERATIONS);
    }

    @Test
    void documentListsExactlyWhatTheControllersServe() {
        // given what Spring MVC actually routes under /api
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(path -> path.startsWith("/api/"))
                        .forEach(path -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> served.add(method.name() + " " + path))));

        // when
        Set<String> documented = operations(document());

        // then
        assertThat(served).containsExactlyInAnyOrderElementsOf(API_OPERATIONS);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void documentDeclaresTheBearerSchemeAndEveryOperationRequiresIt() {
        // when
        JsonNode document = document();

        // then
        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        document.path("paths")
                .forEachEntry((path, operations) -> operations.forEachEntry((method, operation) -> assertThat(operation
                                .path("security")
                                .valueStream()
                                .map(JsonNode::propertyNames)
                                .toList())
                        .as(method + " " + path)
                        .anySatisfy(names -> assertThat(names).contains("bearer"))));
    }

    @Test
    void documentDescribesTheRequestShapeTheApiAnswers() {
        // given
        JsonNode document = document();
        JsonNode created =
                api.create(request("Deploy", "alice@openapi.example.com").level(1, "bob@openapi.example.com"));

        // when
        JsonNode schema =
                document.path("components").path("schemas").path("Request").path("properties");

        // then
        assertThat(schema.propertyNames()).containsExactlyInAnyOrderElementsOf(created.propertyNames());
    }

    @Test
    void everyDocumentedOperationAnswersWhenCalled() {
        // given a real request, so that an answer of 404 can only mean an unknown path
        String id = api.create(request("Deploy", "alice@openapi.example.com").level(1, "bob@openapi.example.com"))
                .path("id")
                .asString();
        String delegation = api.delegate(
                        "carol@openapi.example.com",
                        "dave@openapi.example.com",
                        java.time.Instant.now().plusSeconds(3600))
                .path("id")
                .asString();
        String client = api.post("/api/v1/clients", "{\"name\":\"openapi-ci\",\"scopes\":[\"requests:read\"]}")
                .json()
                .path("id")
                .asString();
        String person = "erin@openapi.example.com";
        String token = api.post("/api/v1/people/" + person + "/tokens", "{}")
                .json()
                .path("id")
                .asString();
        JsonNode document = document();

        // when every documented operation is called
        List<String> answers = new ArrayList<>();
        document.path("paths")
                .forEachEntry((path, operations) -> operations.forEachEntry((method, operation) -> {
                    String uri = path.replace("{email}", person)
                                    .replace(
                                            "{id}",
                                            path.startsWith("/api/v1/delegations")
                                                    ? delegation
                                                    : path.startsWith("/api/v1/clients")
                                                            ? client
                                                            : path.startsWith("/api/v1/people") ? token : id)
                            + query(operation);
                    HttpRequest.Builder call = api.request(uri).header("Content-Type", "application/json");
                    HttpRequest http = operation.has("requestBody")
                            ? call.method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString("{}"))
                                    .build()
                            : call.method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody())
                                    .build();
                    answers.add(method.toUpperCase() + " " + path + " -> "
                            + api.send(http).status());
                }));

        // then none is unknown to the server
        assertThat(answers)
                .hasSize(API_OPERATIONS.size())
                .noneMatch(answer -> answer.endsWith("-> 404") || answer.endsWith("-> 405"));
    }

    /** Fills the documented query parameters with values that answer at once. */
    private static String query(JsonNode operation) {
        Map<String, String> quick = Map.of("timeout", "0s", "limit", "1");
        List<String> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> {
            String name = parameter.path("name").asString();
            if (parameter.path("in").asString().equals("query") && quick.containsKey(name)) {
                parameters.add(name + "=" + quick.get(name));
            }
        });
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private JsonNode document() {
        ApiClient.Answer answer = api.get("/v3/api-docs");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths")
                .forEachEntry((path, methods) ->
                        methods.propertyNames().forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }
}
