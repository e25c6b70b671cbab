package dev.countersign.api;

import static dev.countersign.api.ApiClient.REQUESTS;
import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/requests/{id}/wait} as a CI job uses it: parked until the outcome, released by the decision
 * the moment it is made, or answered with the current state at its timeout. Run against each database.
 */
abstract class LongPollContract {

    /** "Promptly": a decision releases its waiter in well under a second, nowhere near any sweep or timeout. */
    private static final Duration PROMPTLY = Duration.ofMillis(500);
    /**
     * With 200 waiters answered at once, still short of the once-a-second sweep for requests ended on other nodes:
     * a release that only came from the sweep would leave some waiter close to a second behind its decision.
     */
    private static final Duration PROMPTLY_UNDER_LOAD = Duration.ofMillis(750);

    @LocalServerPort
    int port;

    @Autowired
    ParkedWaiters parked;

    ApiClient api;
    Cast cast;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
        cast = Cast.fresh();
    }

    @Test
    void answersAtOnceForAFinishedRequest() {
        // given
        String id = create();
        api.approve(id, cast.bob());

        // when
        long started = System.nanoTime();
        ApiClient.Answer answer = api.get(waitFor(id, "60s"));

        // then
        assertThat(elapsedSince(started)).isLessThan(PROMPTLY);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("status").asString()).isEqualTo("approved");
        assertThat(answer.json().path("id").asString()).isEqualTo(id);
    }

    @Test
    void longestTimeoutIsAcceptedForAFinishedRequest() {
        // given
        String id = create();
        api.cancel(id);

        // when
        ApiClient.Answer answer = api.get(waitFor(id, "120s"));

        // then
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void approvalFromAnotherThreadReleasesTheWaiterPromptly() {
        // given a CI job waits on a pending request
        String id = create();
        Parked parked = park(id);

        // when bob approves, elsewhere
        long decided = System.nanoTime();
        CompletableFuture<ApiClient.Answer> decision =
                CompletableFuture.supplyAsync(() -> api.decide(id, cast.bob(), "approve", null));

        // then the job is answered with the outcome, right after the decision and long before its timeout
        Released released = parked.released();
        assertThat(decision.join().status()).isEqualTo(200);
        assertThat(released.answer().status()).as(released.answer().toString()).isEqualTo(200);
        assertThat(released.answer().json().path("status").asString()).isEqualTo("approved");
        assertThat(released.answer()
                        .json()
                        .path("decisions")
                        .get(0)
                        .path("approver")
                        .asString())
                .isEqualTo(cast.bob());
        assertThat(Duration.ofNanos(released.at() - decided)).isLessThan(PROMPTLY);
    }

    @Test
    void rejectionFromAnotherThreadReleasesTheWaiterPromptly() {
        // given
        String id = create();
        Parked parked = park(id);

        // when
        long decided = System.nanoTime();
        CompletableFuture.runAsync(() -> api.decide(id, cast.bob(), "reject", "not today"));

        // then
        Released released = parked.released();
        assertThat(released.answer().json().path("status").asString()).isEqualTo("rejected");
        assertThat(Duration.ofNanos(released.at() - decided)).isLessThan(PROMPTLY);
    }

    @Test
    void waiterOnATwoLevelRequestStaysUntilTheLastLevelDecides() {
        // given
        String id = api.create(
                        request("Two levels", cast.alice()).level(1, cast.bob()).level(1, cast.erin()))
                .path("id")
                .asString();
        Parked parked = park(id);

        // when level 1 is approved, the request is not finished: the job keeps waiting
        api.approve(id, cast.bob());
        // then
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(1))
                .until(() -> !parked.answer().isDone());

        // when level 2 is approved
        long decided = System.nanoTime();
        api.approve(id, cast.erin());
        // then
        Released released = parked.released();
        assertThat(released.answer().json().path("status").asString()).isEqualTo("approved");
        assertThat(Duration.ofNanos(released.at() - decided)).isLessThan(PROMPTLY);
    }

    @Test
    void timeoutAnswersWithThePendingStateAfterIt() {
        // given
        String id = create();

        // when
        long started = System.nanoTime();
        ApiClient.Answer answer = api.get(waitFor(id, "1s"));

        // then
        Duration waited = elapsedSince(started);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("status").asString()).isEqualTo("pending");
        assertThat(answer.json().path("id").asString()).isEqualTo(id);
        assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    }

    @Test
    void timeoutOver120SecondsIsABadRequest() {
        // given
        String id = create();

        // when
        ApiClient.Answer tooLong = api.get(waitFor(id, "121s"));
        ApiClient.Answer minutes = api.get(waitFor(id, "3m"));
        ApiClient.Answer nonsense = api.get(waitFor(id, "soon"));

        // then
        assertThatProblem(tooLong).is(400).detailContains("120s");
        assertThatProblem(minutes).is(400).detailContains("120s");
        assertThatProblem(nonsense).is(400).detailContains("timeout");
    }

    @Test
    void waitOnAnUnknownRequestIsNotFound() {
        // when
        ApiClient.Answer answer = api.get(waitFor("0123456789abcdef0123456789abcdef", "5s"));

        // then
        assertThatProblem(answer).is(404);
    }

    @Test
    void manyWaitersOnDifferentRequestsAreEachReleasedByTheirOwnDecision() throws Exception {
        // given 200 jobs, each waiting on its own request
        int jobs = 200;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(create());
        }
        List<CompletableFuture<Released>> waiting = ids.stream()
                .map(id -> api.getAsync(waitFor(id, "60s")).thenApply(a -> new Released(a, System.nanoTime())))
                .toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(parked::onRequest));
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        // when every request is decided, from 8 threads: half approved, half rejected
        long[] decided = new long[jobs];
        try (ExecutorService deciders = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < jobs; i++) {
                int job = i;
                boolean approve = job % 2 == 0;
                deciders.submit(() -> {
                    decided[job] = System.nanoTime();
                    return api.decide(ids.get(job), cast.bob(), approve ? "approve" : "reject", approve ? null : "no");
                });
            }
        }

        // then every job got its own request's outcome, soon after its decision: none by timing out
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            Released released = waiting.get(i).join();
            JsonNode answer = released.answer().json();
            assertThat(answer.path("id").asString()).isEqualTo(ids.get(i));
            assertThat(answer.path("status").asString()).isEqualTo(i % 2 == 0 ? "approved" : "rejected");
            latencies.add(Duration.ofNanos(released.at() - decided[i]));
        }
        assertThat(latencies).allSatisfy(latency -> assertThat(latency).isLessThan(PROMPTLY_UNDER_LOAD));
        await().atMost(Duration.ofSeconds(5)).until(() -> ids.stream().noneMatch(parked::onRequest));
    }

    /** A job parked on {@code /wait} with a timeout far beyond the test. */
    record Parked(CompletableFuture<Released> answer) {

        Released released() {
            try {
                return answer.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the waiter was not released", e);
            }
        }
    }

    record Released(ApiClient.Answer answer, long at) {}

    /** Starts waiting and returns once the server holds the waiter, so that a decision cannot overtake it. */
    Parked park(String id) {
        CompletableFuture<Released> answer =
                api.getAsync(waitFor(id, "60s")).thenApply(a -> new Released(a, System.nanoTime()));
        await().atMost(Duration.ofSeconds(5)).until(() -> parked.onRequest(id));
        assertThat(answer)
                .as("a pending request's waiter must not be answered yet")
                .isNotDone();
        return new Parked(answer);
    }

    String create() {
        return api.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();
    }

    static String waitFor(String id, String timeout) {
        return REQUESTS + "/" + id + "/wait?timeout=" + timeout;
    }

    static Duration elapsedSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
