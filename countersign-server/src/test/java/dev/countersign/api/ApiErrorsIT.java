package dev.countersign.api;

import static dev.countersign.api.ApiClient.REQUESTS;
import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every way a call can go wrong answers an RFC 9457 problem that says what to fix, and none of them stores
 * anything: each test checks the stored counts before and after.
 */
@RunningApp
class ApiErrorsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private Cast cast;
    private StoredCounts before;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
        cast = Cast.fresh();
        before = StoredCounts.of(jdbc);
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(StoredCounts.of(jdbc))
                .as("a refused call must not change stored data")
                .isEqualTo(before);
    }

    @Test
    void callWithoutTokenIsUnauthorizedAndSaysHowToAuthenticate() {
        // when
        ApiClient.Answer list = api.withToken(null).get(REQUESTS);
        ApiClient.Answer create = api.withToken(null).post(REQUESTS, validBody());

        // then
        assertThatProblem(list).is(401).detailContains("Authorization: Bearer");
        assertThat(list.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThatProblem(create).is(401);
        assertThat(create.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void callWithAnotherSchemeIsUnauthorized() {
        // when
        ApiClient.Answer basic = api.send(api.withToken(null)
                .request(REQUESTS)
                .header("Authorization", "Basic " + RunningApp.TOKEN)
                .GET()
                .build());

        // then
        assertThatProblem(basic).is(401);
        assertThat(basic.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void callWithAWrongTokenIsUnauthorized() {
        // when
        ApiClient.Answer wrong = api.withToken("not-the-token").post(REQUESTS, validBody());
        ApiClient.Answer longer = api.withToken(RunningApp.TOKEN + "x").get(REQUESTS);
        ApiClient.Answer shorter = api.withToken(RunningApp.TOKEN.substring(1)).get(REQUESTS);

        // then
        assertThatProblem(wrong).is(401).detailContains("not valid");
        assertThatProblem(longer).is(401);
        assertThatProblem(shorter).is(401);
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void everyApiPathNeedsTheToken() {
        // given
        String id = "0123456789abcdef0123456789abcdef";
        ApiClient anonymous = api.withToken(null);

        // when / then
        assertThatProblem(anonymous.get(REQUESTS + "/" + id)).is(401);
        assertThatProblem(anonymous.get(REQUESTS + "/" + id + "/wait?timeout=1s"))
                .is(401);
        assertThatProblem(anonymous.get(REQUESTS + "/" + id + "/events")).is(401);
        assertThatProblem(anonymous.post(REQUESTS + "/" + id + "/decisions", "{}"))
                .is(401);
        assertThatProblem(anonymous.post(REQUESTS + "/" + id + "/cancel", "{}")).is(401);
        assertThatProblem(anonymous.post(REQUESTS + "/" + id + "/execution", "{}"))
                .is(401);
    }

    @Test
    void malformedJsonIsABadRequest() {
        // when
        ApiClient.Answer answer = api.post(REQUESTS, "{\"type\": \"deploy\", \"title\": ");

        // then
        assertThatProblem(answer).is(400).detailContains("not valid JSON");
    }

    @Test
    void missingBodyIsABadRequest() {
        // when
        ApiClient.Answer answer = api.post(REQUESTS, "");

        // then
        assertThatProblem(answer).is(400).detailContains("body");
    }

    @Test
    void unknownFieldIsABadRequestNamingTheField() {
        // given
        String body = request("Deploy", cast.alice())
                .level(1, cast.bob())
                .with("approverz", "x")
                .json();

        // when
        ApiClient.Answer answer = api.post(REQUESTS, body);

        // then
        assertThatProblem(answer).is(400).detailContains("'approverz'", "levels");
    }

    @Test
    void unknownFieldInADecisionIsABadRequestNamingTheField() {
        // given
        String id = "0123456789abcdef0123456789abcdef";

        // when
        ApiClient.Answer answer = api.post(
                REQUESTS + "/" + id + "/decisions",
                "{\"approver\":\"" + cast.bob() + "\",\"verdict\":\"approve\",\"comment\":\"lgtm\"}");

        // then
        assertThatProblem(answer).is(400).detailContains("'comment'");
    }

    @Test
    void wrongJsonTypeIsABadRequestNamingTheField() {
        // when
        ApiClient.Answer levelsAsText = api.post(
                REQUESTS,
                "{\"type\":\"deploy\",\"title\":\"t\",\"requester\":\"" + cast.alice() + "\",\"levels\":\"bob\"}");
        ApiClient.Answer titleAsObject = api.post(
                REQUESTS,
                "{\"type\":\"deploy\",\"title\":{\"a\":1},\"requester\":\"" + cast.alice() + "\",\"levels\":[]}");
        ApiClient.Answer approversAsText = api.post(
                REQUESTS,
                "{\"type\":\"deploy\",\"title\":\"t\",\"requester\":\"" + cast.alice() + "\","
                        + "\"levels\":[{\"approvers\":[\"" + cast.bob() + "\"]},{\"approvers\":{}}]}");

        // then
        assertThatProblem(levelsAsText).is(400).detailContains("'levels'");
        assertThatProblem(titleAsObject).is(400).detailContains("'title'");
        assertThatProblem(approversAsText).is(400).detailContains("'levels[1].approvers'");
        assertThat(List.of(levelsAsText, titleAsObject, approversAsText))
                .allSatisfy(answer -> assertThat(answer.body()).doesNotContain("dev.countersign", "java."));
    }

    @Test
    void invalidRequestIsUnprocessableAndListsEveryProblem() {
        // given a body that is valid JSON but wrong in four ways
        String body = "{\"type\":\"Deploy Now\",\"title\":\" \",\"requester\":\"" + cast.alice() + "\","
                + "\"levels\":[{\"approvers\":[\"" + cast.bob() + "\"],\"required\":3}],"
                + "\"expiresAfter\":\"PT0S\"}";

        // when
        ApiClient.Answer answer = api.post(REQUESTS, body);

        // then
        assertThatProblem(answer).is(422);
        assertThat(answer.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.asString())
                        .toList())
                .hasSize(4)
                .anySatisfy(e -> assertThat(e).contains("type"))
                .anySatisfy(e -> assertThat(e).contains("title"))
                .anySatisfy(e -> assertThat(e).contains("level 1 requires 3"))
                .anySatisfy(e -> assertThat(e).contains("expiresAfter"));
    }

    @Test
    void badRemindersAreUnprocessableAndSayWhatToWrite() {
        // given reminders every 30 seconds, 99 of them, escalated to something that is neither email nor channel
        String body = "{\"type\":\"deploy\",\"title\":\"Deploy\",\"requester\":\"" + cast.alice() + "\","
                + "\"levels\":[{\"approvers\":[\"" + cast.bob() + "\"]}],"
                + "\"reminders\":{\"every\":\"PT30S\",\"max\":99,\"escalateTo\":[\"ops team\"]}}";
        String notADuration = "{\"type\":\"deploy\",\"title\":\"Deploy\",\"requester\":\"" + cast.alice()
                + "\",\"levels\":[{\"approvers\":[\"" + cast.bob() + "\"]}],\"reminders\":{\"every\":\"soon\"}}";

        // when
        ApiClient.Answer answer = api.post(REQUESTS, body);
        ApiClient.Answer unreadable = api.post(REQUESTS, notADuration);

        // then
        assertThatProblem(answer).is(422);
        assertThat(answer.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.asString())
                        .toList())
                .hasSize(3)
                .anySatisfy(e -> assertThat(e).contains("reminders.every must be a duration from 1 minute"))
                .anySatisfy(e -> assertThat(e).contains("reminders.max must be from 0 to 50"))
                .anySatisfy(e -> assertThat(e).contains("not 'ops team'"));
        assertThatProblem(unreadable).is(422).detailContains("reminders.every must be an ISO-8601 duration");
    }

    @Test
    void requestWithoutLevelsOrRequesterIsUnprocessable() {
        // when
        ApiClient.Answer answer = api.post(REQUESTS, "{\"type\":\"deploy\",\"title\":\"Deploy\",\"levels\":[]}");

        // then
        assertThatProblem(answer).is(422);
        assertThat(answer.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.asString())
                        .toList())
                .anySatisfy(e -> assertThat(e).contains("requester"))
                .anySatisfy(e -> assertThat(e).contains("levels"));
    }

    @Test
    void unknownRequestIsNotFound() {
        // given
        String unknown = REQUESTS + "/0123456789abcdef0123456789abcdef";

        // when / then
        assertThatProblem(api.get(unknown)).is(404).detailContains("0123456789abcdef0123456789abcdef");
        assertThatProblem(api.get(unknown + "/events")).is(404);
        assertThatProblem(api.decide("0123456789abcdef0123456789abcdef", cast.bob(), "approve", null))
                .is(404);
        assertThatProblem(api.cancel("0123456789abcdef0123456789abcdef")).is(404);
        assertThatProblem(api.execute("0123456789abcdef0123456789abcdef", cast.oscar()))
                .is(404);
        assertThatProblem(api.get(REQUESTS + "/not-an-id")).is(404);
    }

    @Test
    void bodyOver256KibWithContentLengthIsTooLarge() {
        // when
        ApiClient.Answer answer = api.post(REQUESTS, oversizedBody());

        // then
        assertThatProblem(answer).is(413).detailContains("256 KiB");
    }

    @Test
    void chunkedBodyOver256KibIsTooLarge() {
        // given a body of unknown length, which goes out chunked
        byte[] body = oversizedBody().getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = api.request(REQUESTS)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        assertThat(chunked.bodyPublisher().orElseThrow().contentLength()).isNegative();

        // when
        ApiClient.Answer answer = api.send(chunked);

        // then
        assertThatProblem(answer).is(413).detailContains("256 KiB");
    }

    @Test
    void bodyJustUnderTheLimitIsReadAndJudgedOnItsContent() {
        // given a description far over what a request may hold, in a body under 256 KiB
        String body = request("Deploy", cast.alice())
                .level(1, cast.bob())
                .with("description", "x".repeat(200 * 1024))
                .json();

        // when
        ApiClient.Answer answer = api.post(REQUESTS, body);

        // then
        assertThatProblem(answer).is(422).detailContains("description");
    }

    @Test
    void noAnswerEverContainsTheToken() {
        // given calls that succeed and calls that fail in every way
        api.get(REQUESTS + "?limit=1");
        api.withToken(RunningApp.TOKEN + "-wrong").get(REQUESTS);
        api.withToken(null).get(REQUESTS);
        api.post(REQUESTS, "{\"type\":\"" + RunningApp.TOKEN.substring(0, 8) + "\"");
        api.post(REQUESTS, "{}");
        api.get(REQUESTS + "/0123456789abcdef0123456789abcdef");
        api.get("/v3/api-docs");
        api.get("/actuator/health");

        // then
        assertThat(api.answersSeen()).hasSize(8).allSatisfy(answer -> {
            assertThat(answer.body()).doesNotContain(RunningApp.TOKEN);
            assertThat(answer.headers().map().toString()).doesNotContain(RunningApp.TOKEN);
        });
    }

    private String validBody() {
        return request("Deploy", cast.alice()).level(1, cast.bob()).json();
    }

    /** A valid request in every way but size: its description alone is 300 KiB. */
    private String oversizedBody() {
        return request("Deploy", cast.alice())
                .level(1, cast.bob())
                .with("description", "x".repeat(300 * 1024))
                .json();
    }
}
