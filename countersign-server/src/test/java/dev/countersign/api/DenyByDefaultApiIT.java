package dev.countersign.api;

import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Nobody gets in without a credential, whatever the path looks like: every operation of the OpenAPI document,
 * called without a token plainly and through each way a path can be written so that two parts of the stack read
 * it differently, answers 401 or 400, and none changes anything stored.
 */
@RunningApp
class DenyByDefaultApiIT {

    /** The ways of writing a path that once let anonymous calls through, or could. */
    private static final Map<String, UnaryOperator<String>> EVASIONS = evasions();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
    }

    @Test
    void noOperationAnswersWithoutACredentialHoweverItsPathIsWritten() {
        // given every documented operation, with real ids in its path
        Cast cast = Cast.fresh();
        String id = api.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();
        String delegation = api.delegate(
                        cast.carol(), cast.dave(), Instant.now().plusSeconds(3600))
                .path("id")
                .asString();
        String client = api.post(
                        "/api/v1/clients",
                        "{\"name\":\"deny-" + id.substring(0, 8) + "\",\"scopes\":[\"requests:read\"]}")
                .json()
                .path("id")
                .asString();
        String token = api.post("/api/v1/people/" + cast.erin() + "/tokens", "{}")
                .json()
                .path("id")
                .asString();
        JsonNode document = api.get("/v3/api-docs").json();
        Map<String, Long> before = stored();

        // when each is called without a token, plainly and through each evasion
        List<String> answers = new ArrayList<>();
        ApiClient anonymous = api.withToken(null);
        document.path("paths")
                .forEachEntry((template, operations) -> operations.forEachEntry((method, operation) -> {
                    String path = template.replace("{email}", cast.erin())
                            .replace(
                                    "{id}",
                                    template.startsWith("/api/v1/delegations")
                                            ? delegation
                                            : template.startsWith("/api/v1/clients")
                                                    ? client
                                                    : template.startsWith("/api/v1/people") ? token : id);
                    for (var evasion : EVASIONS.entrySet()) {
                        String sent = evasion.getValue().apply(path);
                        HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + sent))
                                .header("Content-Type", "application/json")
                                .method(
                                        method.toUpperCase(Locale.ROOT),
                                        HttpRequest.BodyPublishers.ofString("{\"verdict\":\"approve\",\"approver\":\""
                                                + cast.bob() + "\",\"name\":\"x\","
                                                + "\"scopes\":[\"requests:write\"],\"slackDecisions\":false}"))
                                .build();
                        answers.add(method.toUpperCase(Locale.ROOT) + " " + sent + " (" + evasion.getKey() + ") -> "
                                + anonymous.send(call).status());
                    }
                }));

        // then none answered anything but 401 or 400, and nothing changed
        assertThat(answers)
                .hasSize(document.path("paths")
                                .valueStream()
                                .mapToInt(operations -> operations.size())
                                .sum()
                        * EVASIONS.size());
        assertThat(answers).allSatisfy(answer -> assertThat(answer).matches(".* -> (401|400)"));
        assertThat(answers).filteredOn(answer -> answer.contains("(plain)")).allMatch(a -> a.endsWith("-> 401"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aTokenThatIsNotOneIsRefusedAndSaysSo() {
        // when
        ApiClient.Answer made = api.withToken("cs_" + "x".repeat(43)).get(ApiClient.REQUESTS);
        ApiClient.Answer admin = api.withToken(RunningApp.TOKEN + "-not").get(ApiClient.REQUESTS);

        // then
        assertThatProblem(made).is(401).detailContains("not valid");
        assertThat(made.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThatProblem(admin).is(401);
    }

    @Test
    void anonymousHealthSaysOnlyTheStatusAndTheAdminSeesTheDetails() {
        // when
        ApiClient.Answer anonymous = api.withToken(null).get("/actuator/health");
        ApiClient.Answer liveness = api.withToken(null).get("/actuator/health/liveness");
        ApiClient.Answer component = api.withToken(null).get("/actuator/health/migrations");
        ApiClient.Answer admin = api.get("/actuator/health");

        // then
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json()).isEqualTo(ApiClient.JSON.readTree("{\"status\":\"UP\"}"));
        assertThat(liveness.json()).isEqualTo(ApiClient.JSON.readTree("{\"status\":\"UP\"}"));
        assertThatProblem(component).is(401);
        assertThat(admin.json()
                        .path("components")
                        .path("migrations")
                        .path("details")
                        .isMissingNode())
                .isFalse();
    }

    @Test
    void otherActuatorEndpointsAndTheApiDescriptionNeedACredential() {
        for (String path : List.of(
                "/actuator",
                "/actuator/info",
                "/actuator/env",
                "/v3/api-docs",
                "/",
                "/requests/some-id",
                "/slack/events")) {
            assertThatProblem(api.withToken(null).get(path)).as(path).is(401);
        }
    }

    @Test
    void slackCallbacksAreTheOnlyPublicPost() {
        // when an unsigned callback arrives, Slack's own signature check answers it, not the token check
        ApiClient.Answer unsigned = api.withToken(null).post("/slack/events", "{}");
        ApiClient.Answer elsewhere = api.withToken(null).post("/slack/events/", "{}");

        // then
        assertThat(unsigned.status()).as(unsigned.toString()).isNotIn(401, 403).isBetween(400, 499);
        assertThatProblem(elsewhere).is(401);
    }

    private Map<String, Long> stored() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of(
                "approval_request",
                "decision",
                "audit_event",
                "delegation",
                "api_client",
                "person",
                "person_token",
                "admin_setting",
                "admin_setting_change")) {
            counts.put(
                    table,
                    jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        counts.put(
                "revoked",
                jdbc.sql("select count(*) from api_client where revoked_at is not null")
                                .query(Long.class)
                                .single()
                        + jdbc.sql("select count(*) from person_token where revoked_at is not null")
                                .query(Long.class)
                                .single());
        counts.put(
                "cancelled",
                jdbc.sql("select count(*) from approval_request where status <> 'PENDING'")
                        .query(Long.class)
                        .single());
        return counts;
    }

    private static Map<String, UnaryOperator<String>> evasions() {
        Map<String, UnaryOperator<String>> evasions = new LinkedHashMap<>();
        evasions.put("plain", path -> path);
        evasions.put(";x", path -> path.replaceFirst("^/api/", "/api;x/"));
        evasions.put(";x at the end", path -> path + ";x");
        evasions.put("%61", path -> path.replaceFirst("^/api/", "/%61pi/"));
        evasions.put("//", path -> path.replaceFirst("^/api/", "/api//"));
        evasions.put("leading //", path -> "/" + path);
        evasions.put("/./", path -> path.replaceFirst("^/api/", "/api/./"));
        evasions.put("/../", path -> path.replaceFirst("^/api/", "/api/x/../"));
        evasions.put("%2F", path -> path.replaceFirst("^/api/", "/api%2F"));
        evasions.put("%2E", path -> path.replaceFirst("^/api/", "/api/%2E/"));
        evasions.put("upper case", path -> path.toUpperCase(Locale.ROOT));
        evasions.put("trailing /", path -> path + "/");
        return evasions;
    }
}
