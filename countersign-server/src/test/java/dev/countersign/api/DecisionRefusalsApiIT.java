package dev.countersign.api;

import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Who may not decide, and when nobody may: each refusal is a problem with the right status, and the request is
 * exactly as it was before.
 */
@RunningApp
class DecisionRefusalsApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private Cast cast;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
        cast = Cast.fresh();
    }

    @Test
    void requesterCannotApproveTheirOwnRequestEvenWhenListed() {
        // given alice asks, and is (also) listed on level 1
        String id = create(request("Deploy", cast.alice()).level(1, cast.alice(), cast.bob()));
        JsonNode before = api.fetch(id);

        // when
        ApiClient.Answer selfApproval = api.decide(id, cast.alice(), "approve", null);

        // then
        assertThatProblem(selfApproval).is(403).detailContains(cast.alice());
        assertThat(api.fetch(id)).isEqualTo(before);
    }

    @Test
    void approverOfALaterLevelCannotDecideYet() {
        // given
        String id = create(request("Deploy", cast.alice()).level(1, cast.bob()).level(1, cast.erin()));
        JsonNode before = api.fetch(id);

        // when
        ApiClient.Answer early = api.decide(id, cast.erin(), "approve", null);

        // then
        assertThatProblem(early).is(403);
        assertThat(api.fetch(id)).isEqualTo(before);
    }

    @Test
    void strangerCannotDecide() {
        // given
        String id = create(request("Deploy", cast.alice()).level(1, cast.bob()));
        JsonNode before = api.fetch(id);

        // when
        ApiClient.Answer approval = api.decide(id, cast.mallory(), "approve", null);
        ApiClient.Answer rejection = api.decide(id, cast.mallory(), "reject", "because I can");

        // then
        assertThatProblem(approval).is(403).detailContains(cast.mallory());
        assertThatProblem(rejection).is(403);
        assertThat(api.fetch(id)).isEqualTo(before);
    }

    @Test
    void secondVoteOfTheSameApproverIsAConflict() {
        // given bob approved one of the two approvals level 1 needs
        String id = create(request("Deploy", cast.alice()).level(2, cast.bob(), cast.carol()));
        JsonNode afterFirstVote = api.approve(id, cast.bob());

        // when
        ApiClient.Answer secondApproval = api.decide(id, cast.bob(), "approve", null);
        ApiClient.Answer changeOfMind = api.decide(id, cast.bob(), "reject", "on second thought");

        // then
        assertThatProblem(secondApproval).is(409).detailContains(cast.bob());
        assertThatProblem(changeOfMind).is(409);
        assertThat(api.fetch(id)).isEqualTo(afterFirstVote);
        assertThat(afterFirstVote.path("decisions")).hasSize(1);
    }

    @Test
    void decisionOnAnApprovedRequestIsAConflict() {
        // given bob alone was enough
        String id = create(request("Deploy", cast.alice()).level(1, cast.bob(), cast.carol()));
        JsonNode approved = api.approve(id, cast.bob());

        // when
        ApiClient.Answer late = api.decide(id, cast.carol(), "approve", null);

        // then
        assertThatProblem(late).is(409).detailContains("approved");
        assertThat(api.fetch(id)).isEqualTo(approved);
    }

    @Test
    void decisionOnARejectedRequestIsAConflict() {
        // given
        String id = create(request("Deploy", cast.alice()).level(2, cast.bob(), cast.carol()));
        JsonNode rejected = api.decide(id, cast.bob(), "reject", "no").json();

        // when
        ApiClient.Answer late = api.decide(id, cast.carol(), "approve", null);

        // then
        assertThatProblem(late).is(409).detailContains("rejected");
        assertThat(api.fetch(id)).isEqualTo(rejected);
    }

    @Test
    void cancelledRequestTakesNoDecisionAndCannotBeCancelledAgain() {
        // given
        String id = create(request("Deploy", cast.alice()).level(1, cast.bob()).executors(cast.oscar()));

        // when alice's pipeline cancels it
        ApiClient.Answer cancelled = api.cancel(id);
        // then
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("decidedAt").isNull()).isFalse();
        assertThat(cancelled.json().path("currentLevel").isNull()).isTrue();
        StoredCounts afterCancel = StoredCounts.of(jdbc);

        // when bob decides anyway
        ApiClient.Answer decision = api.decide(id, cast.bob(), "approve", null);
        // then
        assertThatProblem(decision).is(409).detailContains("cancelled");

        // when it is cancelled once more
        ApiClient.Answer again = api.cancel(id);
        // then
        assertThatProblem(again).is(409).detailContains("cancelled");

        // when oscar wants to run it
        ApiClient.Answer execution = api.execute(id, cast.oscar());
        // then
        assertThatProblem(execution).is(409);
        assertThat(api.fetch(id)).isEqualTo(cancelled.json());
        assertThat(StoredCounts.of(jdbc)).isEqualTo(afterCancel);
    }

    @Test
    void decisionWithAnUnknownVerdictIsInvalid() {
        // given
        String id = create(request("Deploy", cast.alice()).level(1, cast.bob()));

        // when
        ApiClient.Answer maybe = api.decide(id, cast.bob(), "maybe", null);

        // then
        assertThatProblem(maybe).is(422).detailContains("verdict", "approve", "reject");
        assertThat(api.fetch(id).path("decisions")).isEmpty();
    }

    private String create(NewRequestBody body) {
        return api.create(body).path("id").asString();
    }
}
