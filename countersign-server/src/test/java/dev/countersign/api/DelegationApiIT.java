package dev.countersign.api;

import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Delegations over the REST API: set one up, find it, revoke it, and decide as a proxy while it lasts; bad input
 * answered with a problem that says what to fix.
 */
@RunningApp
class DelegationApiIT {

    @LocalServerPort
    int port;

    private ApiClient api;
    private Cast cast;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
        cast = Cast.fresh();
    }

    private ApiClient.Answer create(String json) {
        return api.post(ApiClient.DELEGATIONS, json);
    }

    @Test
    void createsADelegationThatStartsNowAndShowsItActive() {
        // given
        Instant ends = Instant.now().plus(Duration.ofDays(7));

        // when
        ApiClient.Answer created = create("""
                {"from": "%s", "to": "%s", "endsAt": "%s", "reason": "on holiday", "by": "%s"}
                """.formatted(cast.alice(), cast.bob(), ends, cast.alice()));

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode view = created.json();
        assertThat(view.path("id").asString()).isNotBlank();
        assertThat(view.path("from").asString()).isEqualTo(cast.alice());
        assertThat(view.path("to").asString()).isEqualTo(cast.bob());
        assertThat(view.path("status").asString()).isEqualTo("active");
        assertThat(view.path("reason").asString()).isEqualTo("on holiday");
        assertThat(view.path("createdBy").asString()).isEqualTo(cast.alice());
        assertThat(Instant.parse(view.path("startsAt").asString())).isBefore(ends);
        assertThat(view.path("revokedAt").isNull()).isTrue();
        assertThat(created.header("Location"))
                .endsWith("/api/v1/delegations/" + view.path("id").asString());
        assertThat(view.path("links").path("self").asString()).isEqualTo(created.header("Location"));

        // and it can be fetched
        ApiClient.Answer fetched =
                api.get(ApiClient.DELEGATIONS + "/" + view.path("id").asString());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(view);
    }

    @Test
    void aFutureDelegationIsScheduled() {
        // when
        JsonNode view = create("""
                {"from": "%s", "to": "%s", "startsAt": "2099-01-01T08:00:00+01:00", "endsAt": "2099-01-08T08:00:00Z"}
                """.formatted(cast.alice(), cast.bob())).json();

        // then
        assertThat(view.path("status").asString()).isEqualTo("scheduled");
        assertThat(view.path("startsAt").asString()).isEqualTo("2099-01-01T07:00:00Z");
    }

    @Test
    void listsDelegationsByDelegatorDelegateAndActivityNewestFirstInPages() {
        // given
        String first = api.delegate(cast.alice(), cast.bob(), Instant.now().plus(Duration.ofDays(2)))
                .path("id")
                .asString();
        String later = create("""
                {"from": "%s", "to": "%s", "startsAt": "2099-01-01T00:00:00Z", "endsAt": "2099-01-02T00:00:00Z"}
                """.formatted(cast.alice(), cast.carol()))
                .json()
                .path("id")
                .asString();
        String toBob = api.delegate(cast.dave(), cast.bob(), Instant.now().plus(Duration.ofDays(1)))
                .path("id")
                .asString();

        // when
        JsonNode fromAlice =
                api.get(ApiClient.DELEGATIONS + "?from=" + cast.alice()).json();
        JsonNode activeFromAlice = api.get(ApiClient.DELEGATIONS + "?from=" + cast.alice() + "&active=true")
                .json();
        JsonNode toBobs = api.get(ApiClient.DELEGATIONS + "?to=" + cast.bob()).json();
        JsonNode page1 = api.get(ApiClient.DELEGATIONS + "?from=" + cast.alice() + "&limit=1")
                .json();
        JsonNode page2 = api.get(ApiClient.DELEGATIONS + "?from=" + cast.alice() + "&limit=1&cursor="
                        + page1.path("nextCursor").asString())
                .json();

        // then
        assertThat(fromAlice.path("items"))
                .extracting(d -> d.path("id").asString())
                .containsExactly(later, first);
        assertThat(activeFromAlice.path("items"))
                .extracting(d -> d.path("id").asString())
                .containsExactly(first);
        assertThat(toBobs.path("items"))
                .extracting(d -> d.path("id").asString())
                .containsExactly(toBob, first);
        assertThat(page1.path("items")).extracting(d -> d.path("id").asString()).containsExactly(later);
        assertThat(page2.path("items")).extracting(d -> d.path("id").asString()).containsExactly(first);
        assertThat(page2.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void revokesADelegationOnceAndRecordsWhoDidIt() {
        // given
        String id = api.delegate(cast.alice(), cast.bob(), Instant.now().plus(Duration.ofDays(2)))
                .path("id")
                .asString();

        // when
        ApiClient.Answer revoked =
                api.post(ApiClient.DELEGATIONS + "/" + id + "/revoke", "{\"by\": \"" + cast.alice() + "\"}");
        ApiClient.Answer again = api.post(ApiClient.DELEGATIONS + "/" + id + "/revoke", "{}");

        // then
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asString()).isEqualTo("revoked");
        assertThat(revoked.json().path("revokedBy").asString()).isEqualTo(cast.alice());
        assertThat(revoked.json().path("revokedAt").isString()).isTrue();
        assertThatProblem(again).is(409).detailContains("already revoked");
        assertThat(api.get(ApiClient.DELEGATIONS + "?from=" + cast.alice() + "&active=true")
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void unknownDelegationsAreNotFound() {
        assertThatProblem(api.get(ApiClient.DELEGATIONS + "/" + "f".repeat(32)))
                .is(404)
                .detailContains("f".repeat(32));
        assertThatProblem(api.post(ApiClient.DELEGATIONS + "/nope/revoke", "{}"))
                .is(404);
    }

    @Test
    void refusesDelegationsThatBreakTheRules() {
        String soon = Instant.now().plus(Duration.ofDays(1)).toString();
        assertThatProblem(create("{\"from\": \"%s\", \"to\": \"%s\", \"endsAt\": \"%s\"}"
                        .formatted(cast.alice(), cast.alice().toUpperCase(), soon)))
                .is(422)
                .detailContains("same person");
        assertThatProblem(create("{\"from\": \"%s\", \"to\": \"%s\", \"endsAt\": \"2020-01-01T00:00:00Z\"}"
                        .formatted(cast.alice(), cast.bob())))
                .is(422)
                .detailContains("in the past");
        assertThatProblem(create(("{\"from\": \"%s\", \"to\": \"%s\", \"startsAt\": \"2099-01-02T00:00:00Z\", "
                                + "\"endsAt\": \"2099-01-01T00:00:00Z\"}")
                        .formatted(cast.alice(), cast.bob())))
                .is(422)
                .detailContains("must be after startsAt");
        assertThatProblem(create("{\"from\": \"%s\", \"endsAt\": \"%s\"}".formatted(cast.alice(), soon)))
                .is(422)
                .detailContains("to is required");
        assertThatProblem(
                        create("{\"from\": \"alice\", \"to\": \"%s\", \"endsAt\": \"%s\"}".formatted(cast.bob(), soon)))
                .is(422)
                .detailContains("not an email address");
    }

    @Test
    void refusesMalformedInputWithABadRequest() {
        assertThatProblem(create("{\"from\": \"%s\", \"to\": \"%s\", \"endsAt\": \"next tuesday\"}"
                        .formatted(cast.alice(), cast.bob())))
                .is(400)
                .detailContains("endsAt", "ISO-8601");
        assertThatProblem(create("{\"from\": \"%s\", \"to\": \"%s\", \"endsAt\": \"%s\", \"until\": 3}"
                        .formatted(cast.alice(), cast.bob(), Instant.now().plusSeconds(60))))
                .is(400)
                .detailContains("until");
        assertThatProblem(create("{")).is(400);
        assertThatProblem(api.get(ApiClient.DELEGATIONS + "?limit=0")).is(400).detailContains("limit");
        assertThatProblem(api.get(ApiClient.DELEGATIONS + "?cursor=xyz"))
                .is(400)
                .detailContains("cursor");
        assertThatProblem(api.get(ApiClient.DELEGATIONS + "?from=alice"))
                .is(400)
                .detailContains("email");
    }

    @Test
    void needsTheApiToken() {
        ApiClient.Answer answer = api.withToken(null).get(ApiClient.DELEGATIONS);
        assertThatProblem(answer).is(401);
    }

    @Test
    void aDelegateDecidesForTheDelegatorWhileTheDelegationLastsAndTheVoteIsTheirs() {
        // given: level 1 needs both bob and carol; bob delegates to dave
        String id = api.create(request("Deploy", cast.alice()).levelOfAll(cast.bob(), cast.carol()))
                .path("id")
                .asString();
        String delegation = api.delegate(cast.bob(), cast.dave(), Instant.now().plus(Duration.ofDays(1)))
                .path("id")
                .asString();

        // when
        ApiClient.Answer decided = api.decideFor(id, cast.dave(), cast.bob(), "approve", null);

        // then: recorded as dave on behalf of bob, and it counts as bob's vote
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        JsonNode decision = decided.json().path("decisions").get(0);
        assertThat(decision.path("approver").asString()).isEqualTo(cast.dave());
        assertThat(decision.path("onBehalfOf").asString()).isEqualTo(cast.bob());
        assertThatProblem(api.decide(id, cast.bob(), "approve", null)).is(409).detailContains(cast.bob());
        assertThat(decided.json().path("levels").get(0).path("status").asString())
                .isEqualTo("pending");

        // when the delegation is revoked, another proxy decision for someone else is refused
        String other = api.create(request("Deploy again", cast.alice()).levelOfAll(cast.bob()))
                .path("id")
                .asString();
        api.post(ApiClient.DELEGATIONS + "/" + delegation + "/revoke", "{}");

        // then
        assertThatProblem(api.decideFor(other, cast.dave(), cast.bob(), "approve", null))
                .is(403)
                .detailContains("no active delegation");
    }

    @Test
    void aDelegateWhoRequestedItCannotApproveForTheDelegator() {
        // given: alice asks bob, and bob delegated to alice
        String id = api.create(request("Deploy", cast.alice()).levelOfAll(cast.bob()))
                .path("id")
                .asString();
        api.delegate(cast.bob(), cast.alice(), Instant.now().plus(Duration.ofDays(1)));

        // when
        ApiClient.Answer selfApproval = api.decideFor(id, cast.alice(), cast.bob(), "approve", null);

        // then
        assertThatProblem(selfApproval).is(403).detailContains("own request");
        assertThat(api.fetch(id).path("decisions")).isEmpty();
    }
}
