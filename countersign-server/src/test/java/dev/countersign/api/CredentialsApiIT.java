package dev.countersign.api;

import static dev.countersign.api.ApiClient.REQUESTS;
import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A credential says who is acting and what it may do: API clients (machines) create and read but never decide;
 * a personal token decides as its person and nobody else; the admin token decides only as a recorded override.
 * Every audit entry names the credential behind it.
 */
@RunningApp
class CredentialsApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient admin;
    private Cast cast;

    @BeforeEach
    void connect() {
        admin = ApiClient.onPort(port);
        cast = Cast.fresh();
    }

    @Test
    void aClientIsCreatedWithItsTokenShownOnceAndStoredOnlyAsAHash() throws Exception {
        // when
        ApiClient.Answer created =
                admin.post("/api/v1/clients", clientBody("ci-" + suffix(), "requests:write", "requests:read"));

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = created.json().path("token").asString();
        assertThat(token).startsWith("cs_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(created.json().path("scopes")).hasSize(2);
        String id = created.json().path("id").asString();
        JsonNode listed = admin.get("/api/v1/clients")
                .json()
                .valueStream()
                .filter(c -> c.path("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(listed.path("token").isNull()).isTrue();
        assertThat(admin.get("/api/v1/clients").body()).doesNotContain(token);
        String stored = jdbc.sql("select token_hash from api_client where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored)
                .isNotEqualTo(token)
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void aClientCreatesAndReadsButNeverDecides() {
        // given
        ApiClient ci = clientWith("requests:write", "requests:read");

        // when
        JsonNode request = ci.create(request("Deploy", cast.alice()).level(1, cast.bob()));
        String id = request.path("id").asString();
        ApiClient.Answer decided = ci.post(
                REQUESTS + "/" + id + "/decisions", "{\"verdict\":\"approve\",\"approver\":\"" + cast.bob() + "\"}");

        // then
        assertThat(request.path("requester").asString()).isEqualTo(cast.alice());
        assertThat(request.path("createdBy").path("kind").asString()).isEqualTo("client");
        assertThat(request.path("createdBy").path("name").asString()).startsWith("ci-");
        assertThat(ci.fetch(id).path("status").asString()).isEqualTo("pending");
        assertThatProblem(decided).is(403).detailContains("never decides", "personal token");
        assertThat(admin.fetch(id).path("decisions")).isEmpty();
        assertThat(admin.get(REQUESTS + "/" + id + "/events")
                        .json()
                        .get(0)
                        .path("credential")
                        .path("description")
                        .asString())
                .startsWith("client ci-");
    }

    @Test
    void aClientWithoutTheScopeIsToldWhichScopeItNeeds() {
        // given
        ApiClient reader = clientWith("requests:read");

        // when
        ApiClient.Answer created = reader.post(
                REQUESTS, request("Deploy", cast.alice()).level(1, cast.bob()).json());
        ApiClient.Answer settings = reader.get("/api/v1/settings");

        // then
        assertThatProblem(created).is(403).detailContains("requests:write");
        assertThatProblem(settings).is(403).detailContains("admin token");
    }

    @Test
    void aClientCancelsOnlyTheRequestsItCreated() {
        // given
        ApiClient ci = clientWith("requests:write", "requests:read");
        String own = ci.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();
        String others = admin.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();

        // when
        ApiClient.Answer cancelledOwn = ci.cancel(own);
        ApiClient.Answer cancelledOthers = ci.cancel(others);

        // then
        assertThat(cancelledOwn.status()).as(cancelledOwn.toString()).isEqualTo(200);
        assertThatProblem(cancelledOthers).is(403).detailContains("only the requests it created");
        assertThat(admin.fetch(others).path("status").asString()).isEqualTo("pending");
    }

    @Test
    void aClientCannotBeGivenTheRightToDecide() {
        // when
        ApiClient.Answer answer = admin.post("/api/v1/clients", clientBody("ci-" + suffix(), "decide"));
        ApiClient.Answer unknown = admin.post("/api/v1/clients", clientBody("ci-" + suffix(), "everything"));

        // then
        assertThatProblem(answer).is(422).detailContains("never decides");
        assertThatProblem(unknown).is(422).detailContains("unknown scope 'everything'");
    }

    @Test
    void aRevokedClientTokenStopsWorkingAtOnce() {
        // given
        ApiClient.Answer created = admin.post("/api/v1/clients", clientBody("ci-" + suffix(), "requests:read"));
        ApiClient ci = admin.withToken(created.json().path("token").asString());
        assertThat(ci.get(REQUESTS).status()).isEqualTo(200);

        // when
        admin.post("/api/v1/clients/" + created.json().path("id").asString() + "/revoke", "");

        // then
        assertThatProblem(ci.get(REQUESTS)).is(401);
        assertThat(admin.get("/api/v1/clients")
                        .json()
                        .valueStream()
                        .filter(c -> c.path("id")
                                .asString()
                                .equals(created.json().path("id").asString()))
                        .findFirst()
                        .orElseThrow()
                        .path("active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aPersonalTokenDecidesAsItsPersonAndIsRecordedAsSuch() {
        // given
        String id = admin.create(request("Deploy", cast.alice()).level(1, cast.bob(), cast.carol()))
                .path("id")
                .asString();
        ApiClient bob = admin.withToken(token(cast.bob(), "laptop"));

        // when bob decides without naming anyone
        ApiClient.Answer decided = bob.post(REQUESTS + "/" + id + "/decisions", "{\"verdict\":\"approve\"}");

        // then
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        JsonNode decision = decided.json().path("decisions").get(0);
        assertThat(decision.path("approver").asString()).isEqualTo(cast.bob());
        assertThat(decision.path("via").asString()).isEqualTo("api");
        JsonNode granted = admin.get(REQUESTS + "/" + id + "/events")
                .json()
                .valueStream()
                .filter(e -> e.path("action").asString().equals("approval-granted"))
                .findFirst()
                .orElseThrow();
        assertThat(granted.path("credential").path("kind").asString()).isEqualTo("person");
        assertThat(granted.path("credential").path("description").asString())
                .isEqualTo("personal token \"laptop\" of " + cast.bob());
    }

    @Test
    void aPersonalTokenIsRefusedForAnyoneElse() {
        // given
        String id = admin.create(request("Deploy", cast.alice()).level(1, cast.bob(), cast.carol()))
                .path("id")
                .asString();
        ApiClient mallory = admin.withToken(token(cast.mallory(), null));

        // when
        ApiClient.Answer asBob = mallory.post(
                REQUESTS + "/" + id + "/decisions", "{\"verdict\":\"approve\",\"approver\":\"" + cast.bob() + "\"}");
        ApiClient.Answer asHerself = mallory.post(REQUESTS + "/" + id + "/decisions", "{\"verdict\":\"approve\"}");
        ApiClient.Answer override = mallory.post(
                REQUESTS + "/" + id + "/decisions", "{\"verdict\":\"approve\",\"override\":{\"reason\":\"me\"}}");

        // then
        assertThatProblem(asBob).is(403).detailContains(cast.mallory() + " only");
        assertThatProblem(asHerself).is(403);
        assertThatProblem(override).is(403).detailContains("only the admin token can override");
        assertThat(admin.fetch(id).path("decisions")).isEmpty();
    }

    @Test
    void aDelegatesPersonalTokenDecidesOnTheDelegatorsBehalfWithoutSayingSo() {
        // given bob is away and dave decides for him
        String id = admin.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();
        admin.delegate(cast.bob(), cast.dave(), Instant.now().plusSeconds(3600));
        ApiClient dave = admin.withToken(token(cast.dave(), null));

        // when
        ApiClient.Answer decided = dave.post(REQUESTS + "/" + id + "/decisions", "{\"verdict\":\"approve\"}");

        // then
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        JsonNode decision = decided.json().path("decisions").get(0);
        assertThat(decision.path("approver").asString()).isEqualTo(cast.dave());
        assertThat(decision.path("onBehalfOf").asString()).isEqualTo(cast.bob());
        assertThat(decided.json().path("status").asString()).isEqualTo("approved");
    }

    @Test
    void thePersonalTokenOfARequesterCancelsTheirOwnRequestOnly() {
        // given
        String id = admin.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();

        // when
        ApiClient.Answer byBob = admin.withToken(token(cast.bob(), null)).cancel(id);
        ApiClient.Answer byAlice = admin.withToken(token(cast.alice(), null)).cancel(id);

        // then
        assertThatProblem(byBob).is(403);
        assertThat(byAlice.status()).as(byAlice.toString()).isEqualTo(200);
        assertThat(byAlice.json().path("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void theAdminTokenDecidesOnlyAsARecordedOverride() {
        // given
        String id = admin.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();

        // when
        ApiClient.Answer plain = admin.post(
                REQUESTS + "/" + id + "/decisions", "{\"verdict\":\"approve\",\"approver\":\"" + cast.bob() + "\"}");
        ApiClient.Answer override = admin.override(id, cast.bob(), "approve", "bob is on a plane; outage");

        // then
        assertThatProblem(plain).is(403).detailContains("override", "personal token");
        assertThat(override.status()).as(override.toString()).isEqualTo(200);
        JsonNode decision = override.json().path("decisions").get(0);
        assertThat(decision.path("approver").asString()).isEqualTo(cast.bob());
        assertThat(decision.path("via").asString()).isEqualTo("override");
        assertThat(decision.path("reason").asString()).isEqualTo("bob is on a plane; outage");
        JsonNode granted = admin.get(REQUESTS + "/" + id + "/events")
                .json()
                .valueStream()
                .filter(e -> e.path("action").asString().equals("approval-granted"))
                .findFirst()
                .orElseThrow();
        assertThat(granted.path("via").asString()).isEqualTo("override");
        assertThat(granted.path("credential").path("description").asString())
                .isEqualTo("admin override: bob is on a plane; outage");
    }

    @Test
    void anOverrideStillFollowsTheRules() {
        // given
        String id = admin.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();

        // when
        ApiClient.Answer asRequester = admin.override(id, cast.alice(), "approve", "self-service");
        ApiClient.Answer stranger = admin.override(id, cast.mallory(), "approve", "whoever");
        ApiClient.Answer noReason = admin.post(
                REQUESTS + "/" + id + "/decisions",
                "{\"verdict\":\"approve\",\"approver\":\"" + cast.bob() + "\",\"override\":{}}");

        // then
        assertThatProblem(asRequester).is(403);
        assertThatProblem(stranger).is(403);
        assertThatProblem(noReason).is(422).detailContains("override.reason");
        assertThat(admin.fetch(id).path("decisions")).isEmpty();
    }

    private ApiClient clientWith(String... scopes) {
        ApiClient.Answer created = admin.post("/api/v1/clients", clientBody("ci-" + suffix(), scopes));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return admin.withToken(created.json().path("token").asString());
    }

    private String token(String email, String name) {
        ApiClient.Answer created =
                admin.post("/api/v1/people/" + email + "/tokens", name == null ? "" : "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("scopes").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("decide", "requests:read");
        return created.json().path("token").asString();
    }

    private static String clientBody(String name, String... scopes) {
        var body = ApiClient.JSON.createObjectNode().put("name", name);
        var list = body.putArray("scopes");
        for (String scope : scopes) {
            list.add(scope);
        }
        return body.toString();
    }

    private static String suffix() {
        return Long.toHexString(System.nanoTime());
    }
}
