package dev.countersign.api;

import static dev.countersign.api.ApiClient.REQUESTS;
import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A request's life through the REST API, over HTTP against the whole app: asked, decided, executed, audited. */
@RunningApp
class RequestLifecycleApiIT {

    /** The keys of {@code GET /api/v1/requests/{id}} as the issue lists them, plus the channel the caller gave. */
    private static final Set<String> REQUEST_KEYS = Set.of(
            "id",
            "type",
            "title",
            "description",
            "fields",
            "requester",
            "createdBy",
            "mode",
            "status",
            "executable",
            "currentLevel",
            "levels",
            "decisions",
            "executors",
            "execution",
            "createdAt",
            "decidedAt",
            "expiresAt",
            "links",
            "channel",
            "reminders",
            "deliveryProblems");

    @LocalServerPort
    int port;

    private ApiClient api;
    private Cast cast;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
        cast = Cast.fresh();
    }

    @Test
    void createAnswers201WithLocationAndTheRequestInTheDocumentedShape() {
        // given
        String body = request("Deploy api v2.3 to prod", cast.alice())
                .with("description", "Rolls out v2.3")
                .field("env", "prod")
                .field("version", "2.3")
                .level(1, cast.bob(), cast.carol())
                .levelOfAll(cast.erin())
                .executors(cast.oscar())
                .with("expiresAfter", "PT24H")
                .json();

        // when
        ApiClient.Answer created = api.post(REQUESTS, body);

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode request = created.json();
        String id = request.path("id").asString();
        assertThat(created.header("Location"))
                .isEqualTo(api.uri(REQUESTS + "/" + id).toString());
        assertThat(request.propertyNames()).containsExactlyInAnyOrderElementsOf(REQUEST_KEYS);
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(request.path("type").asString()).isEqualTo("deploy");
        assertThat(request.path("title").asString()).isEqualTo("Deploy api v2.3 to prod");
        assertThat(request.path("description").asString()).isEqualTo("Rolls out v2.3");
        assertThat(request.path("fields")).isEqualTo(ApiClient.JSON.readTree("{\"env\":\"prod\",\"version\":\"2.3\"}"));
        assertThat(request.path("requester").asString()).isEqualTo(cast.alice());
        assertThat(request.path("mode").asString()).isEqualTo("standard");
        assertThat(request.path("status").asString()).isEqualTo("pending");
        assertThat(request.path("executable").isBoolean()).isTrue();
        assertThat(request.path("executable").asBoolean()).isFalse();
        assertThat(request.path("currentLevel").asInt()).isEqualTo(1);
        JsonNode levels = request.path("levels");
        assertThat(levels).hasSize(2);
        assertThat(levels.get(0).propertyNames()).containsExactlyInAnyOrder("approvers", "required", "status");
        assertThat(strings(levels.get(0).path("approvers"))).containsExactly(cast.bob(), cast.carol());
        assertThat(levels.get(0).path("required").isNumber()).isTrue();
        assertThat(levels.get(0).path("required").asInt()).isEqualTo(1);
        assertThat(levels.get(0).path("status").asString()).isEqualTo("pending");
        assertThat(strings(levels.get(1).path("approvers"))).containsExactly(cast.erin());
        assertThat(levels.get(1).path("required").asString()).isEqualTo("all");
        assertThat(levels.get(1).path("status").asString()).isEqualTo("waiting");
        assertThat(request.path("decisions").isArray()).isTrue();
        assertThat(request.path("decisions")).isEmpty();
        assertThat(strings(request.path("executors"))).containsExactly(cast.oscar());
        assertThat(request.path("execution").isNull()).isTrue();
        assertThat(request.path("decidedAt").isNull()).isTrue();
        Instant createdAt = Instant.parse(request.path("createdAt").asString());
        assertThat(createdAt)
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(Instant.parse(request.path("expiresAt").asString())).isEqualTo(createdAt.plus(Duration.ofHours(24)));
        assertThat(request.path("links").path("self").asString()).isEqualTo(created.header("Location"));
        assertThat(request.path("links").path("details").asString())
                .isEqualTo(api.uri("/requests/" + id).toString());
    }

    @Test
    void getByIdAnswersWhatCreateAnswered() {
        // given
        JsonNode created = api.create(
                request("Rotate keys", cast.alice()).level(1, cast.bob()).field("service", "billing"));

        // when
        ApiClient.Answer fetched = api.get(REQUESTS + "/" + created.path("id").asString());

        // then
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.contentType()).startsWith("application/json");
        assertThat(fetched.json()).isEqualTo(created);
    }

    @Test
    void withoutExpiresAfterARequestNeverExpires() {
        // when
        JsonNode created = api.create(request("Rotate keys", cast.alice()).level(1, cast.bob()));

        // then
        assertThat(created.has("expiresAt")).isTrue();
        assertThat(created.path("expiresAt").isNull()).isTrue();
        assertThat(created.path("description").isNull()).isTrue();
        assertThat(created.path("executors")).isEmpty();
    }

    @Test
    void idsAre32HexCharactersAndDifferentEveryTime() {
        // given
        Set<String> ids = new HashSet<>();

        // when
        for (int i = 0; i < 25; i++) {
            ids.add(api.create(
                            request("Same request, asked again", cast.alice()).level(1, cast.bob()))
                    .path("id")
                    .asString());
        }

        // then
        assertThat(ids).hasSize(25).allMatch(id -> id.matches("[0-9a-f]{32}"));
    }

    @Test
    void twoLevelQuorumJourneyEndsApprovedExecutedAndAudited() {
        // given alice asks for 2 of bob, carol and dave, then both erin and frank; oscar will run the work
        JsonNode request = api.create(request("Deploy api v2.3 to prod", cast.alice())
                .level(2, cast.bob(), cast.carol(), cast.dave())
                .levelOfAll(cast.erin(), cast.frank())
                .executors(cast.oscar()));
        String id = request.path("id").asString();
        assertThat(levelStatuses(request)).containsExactly("pending", "waiting");

        // when oscar tries to run it before anyone approved
        ApiClient.Answer tooEarly = api.execute(id, cast.oscar());
        // then
        assertThatProblem(tooEarly).is(409).detailContains("not executable");

        // when bob approves: one of the two approvals level 1 needs
        Instant beforeBob = Instant.now().truncatedTo(ChronoUnit.MICROS);
        request = api.approve(id, cast.bob());
        Instant afterBob = Instant.now();
        // then level 1 is still being asked
        assertThat(request.path("status").asString()).isEqualTo("pending");
        assertThat(request.path("currentLevel").asInt()).isEqualTo(1);
        assertThat(levelStatuses(request)).containsExactly("pending", "waiting");
        JsonNode bobsDecision = request.path("decisions").get(0);
        assertThat(bobsDecision.propertyNames())
                .containsExactlyInAnyOrder("approver", "onBehalfOf", "verdict", "reason", "at", "via");
        assertThat(bobsDecision.path("approver").asString()).isEqualTo(cast.bob());
        assertThat(bobsDecision.path("onBehalfOf").isNull()).isTrue();
        assertThat(bobsDecision.path("verdict").asString()).isEqualTo("approve");
        assertThat(bobsDecision.path("reason").isNull()).isTrue();
        assertThat(Instant.parse(bobsDecision.path("at").asString())).isBetween(beforeBob, afterBob);
        assertThat(bobsDecision.path("via").asString()).isEqualTo("api");

        // when carol approves: level 1 is satisfied
        request = api.approve(id, cast.carol());
        // then level 2 is asked
        assertThat(request.path("currentLevel").asInt()).isEqualTo(2);
        assertThat(levelStatuses(request)).containsExactly("approved", "pending");
        assertThat(request.path("executable").asBoolean()).isFalse();

        // when erin approves: level 2 needs everybody
        request = api.approve(id, cast.erin());
        // then
        assertThat(request.path("status").asString()).isEqualTo("pending");
        assertThat(levelStatuses(request)).containsExactly("approved", "pending");

        // when frank approves
        request = api.approve(id, cast.frank());
        // then the request is approved and may run
        assertThat(request.path("status").asString()).isEqualTo("approved");
        assertThat(request.path("currentLevel").isNull()).isTrue();
        assertThat(levelStatuses(request)).containsExactly("approved", "approved");
        assertThat(request.path("executable").asBoolean()).isTrue();
        assertThat(Instant.parse(request.path("decidedAt").asString()))
                .isEqualTo(request.path("decisions").get(3).path("at").asString());
        assertThat(request.path("decisions")
                        .valueStream()
                        .map(d -> d.path("approver").asString()))
                .containsExactly(cast.bob(), cast.carol(), cast.erin(), cast.frank());

        // when mallory, who is no executor, says she ran it
        ApiClient.Answer notAnExecutor = api.execute(id, cast.mallory());
        // then
        assertThatProblem(notAnExecutor).is(403).detailContains(cast.mallory());

        // when oscar records the execution
        Instant beforeExecution = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiClient.Answer executed = api.execute(id, cast.oscar());
        Instant afterExecution = Instant.now();
        // then
        assertThat(executed.status()).as(executed.toString()).isEqualTo(200);
        JsonNode execution = executed.json().path("execution");
        assertThat(execution.path("executor").asString()).isEqualTo(cast.oscar());
        assertThat(execution.path("via").asString()).isEqualTo("api");
        assertThat(Instant.parse(execution.path("at").asString())).isBetween(beforeExecution, afterExecution);

        // when oscar records it again
        ApiClient.Answer again = api.execute(id, cast.oscar());
        // then
        assertThatProblem(again).is(409).detailContains("already recorded");

        // when the audit trail is read
        ApiClient.Answer events = api.get(REQUESTS + "/" + id + "/events");
        // then it tells the whole journey in order, every step via the API
        assertThat(events.status()).isEqualTo(200);
        List<String> trail = events.json()
                .valueStream()
                .map(e -> e.path("action").asString() + " by " + e.path("actor").asString())
                .toList();
        assertThat(trail)
                .containsExactly(
                        "request-submitted by " + cast.alice(),
                        "approval-granted by " + cast.bob(),
                        "approval-granted by " + cast.carol(),
                        "level-approved by " + cast.carol(),
                        "approval-granted by " + cast.erin(),
                        "approval-granted by " + cast.frank(),
                        "level-approved by " + cast.frank(),
                        "request-approved by " + cast.frank(),
                        "request-executable by " + cast.frank(),
                        "execution-recorded by " + cast.oscar());
        assertThat(events.json().valueStream().map(e -> e.path("via").asString()))
                .containsOnly("api");
        assertThat(events.json().valueStream().map(e -> e.path("detail").asString()))
                .allMatch(d -> !d.isBlank());
        assertThat(events.json()
                        .valueStream()
                        .map(e -> Instant.parse(e.path("at").asString())))
                .isSortedAccordingTo(Instant::compareTo);

        // and no answer in this journey ever carried the API token
        assertThat(api.answersSeen()).extracting(ApiClient.Answer::body).noneMatch(b -> b.contains(RunningApp.TOKEN));
    }

    @Test
    void rejectionWithAReasonRejectsTheWholeRequest() {
        // given
        JsonNode request = api.create(request("Drop the old table", cast.alice())
                .level(1, cast.bob(), cast.carol())
                .levelOfAll(cast.erin())
                .executors(cast.oscar()));
        String id = request.path("id").asString();

        // when
        ApiClient.Answer rejected = api.decide(id, cast.bob(), "reject", "not during the freeze");

        // then
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        JsonNode after = rejected.json();
        assertThat(after.path("status").asString()).isEqualTo("rejected");
        assertThat(after.path("executable").asBoolean()).isFalse();
        assertThat(after.path("currentLevel").isNull()).isTrue();
        assertThat(after.path("decidedAt").isNull()).isFalse();
        assertThat(after.path("levels").get(0).path("status").asString()).isEqualTo("rejected");
        assertThat(after.path("levels").get(1).path("status").asString()).isNotEqualTo("pending");
        assertThat(after.path("decisions").get(0).path("verdict").asString()).isEqualTo("reject");
        assertThat(after.path("decisions").get(0).path("reason").asString()).isEqualTo("not during the freeze");
        assertThatProblem(api.execute(id, cast.oscar())).is(409);
        assertThat(api.fetch(id)).isEqualTo(after);
    }

    @Test
    void rejectionWithoutAReasonIsRefusedWith422AndChangesNothing() {
        // given
        String id = api.create(request("Drop the old table", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();

        // when
        ApiClient.Answer noReason = api.decide(id, cast.bob(), "reject", null);
        ApiClient.Answer blankReason = api.decide(id, cast.bob(), "reject", "   ");

        // then
        assertThatProblem(noReason).is(422).detailContains("reason");
        assertThatProblem(blankReason).is(422).detailContains("reason");
        JsonNode after = api.fetch(id);
        assertThat(after.path("status").asString()).isEqualTo("pending");
        assertThat(after.path("decisions")).isEmpty();
    }

    @Test
    void urgentRequestIsExecutableAtOnceCannotBeRejectedAndIsApprovedAfterAllLevels() {
        // given alice asks urgently: the work may run before anyone approved
        JsonNode request = api.create(request("Hotfix the outage", cast.alice())
                .urgent()
                .level(1, cast.bob())
                .levelOfAll(cast.erin())
                .executors(cast.oscar()));
        String id = request.path("id").asString();
        // then
        assertThat(request.path("mode").asString()).isEqualTo("urgent");
        assertThat(request.path("status").asString()).isEqualTo("pending");
        assertThat(request.path("executable").asBoolean()).isTrue();

        // when oscar runs it straight away
        ApiClient.Answer executed = api.execute(id, cast.oscar());
        // then
        assertThat(executed.status()).as(executed.toString()).isEqualTo(200);
        assertThat(executed.json().path("execution").path("executor").asString())
                .isEqualTo(cast.oscar());

        // when bob tries to reject it, with a reason
        ApiClient.Answer rejected = api.decide(id, cast.bob(), "reject", "this looks wrong");
        // then he is told why that cannot be
        assertThatProblem(rejected).is(422).detailContains("urgent requests cannot be rejected");
        assertThat(api.fetch(id).path("decisions")).isEmpty();

        // when bob approves level 1
        request = api.approve(id, cast.bob());
        // then the request still waits for level 2
        assertThat(request.path("status").asString()).isEqualTo("pending");
        assertThat(levelStatuses(request)).containsExactly("approved", "pending");

        // when erin approves level 2
        request = api.approve(id, cast.erin());
        // then
        assertThat(request.path("status").asString()).isEqualTo("approved");
        assertThat(request.path("executable").asBoolean()).isTrue();
        assertThat(request.path("decidedAt").isNull()).isFalse();
        assertThat(levelStatuses(request)).containsExactly("approved", "approved");
    }

    @Test
    void auditTrailNamesTheCancellerAndTheReason() {
        // given
        String id = api.create(request("Rotate keys", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();

        // when
        api.post(REQUESTS + "/" + id + "/cancel", "{\"by\":\"" + cast.alice() + "\",\"reason\":\"wrong service\"}");

        // then
        JsonNode events = api.get(REQUESTS + "/" + id + "/events").json();
        assertThat(events).hasSize(2);
        JsonNode cancelled = events.get(1);
        assertThat(cancelled.path("action").asString()).isEqualTo("request-cancelled");
        assertThat(cancelled.path("actor").asString()).isEqualTo(cast.alice());
        assertThat(cancelled.path("via").asString()).isEqualTo("api");
        assertThat(cancelled.path("detail").asString()).contains("wrong service");
    }

    static List<String> levelStatuses(JsonNode request) {
        return request.path("levels")
                .valueStream()
                .map(level -> level.path("status").asString())
                .toList();
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
