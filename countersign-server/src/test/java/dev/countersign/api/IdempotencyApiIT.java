package dev.countersign.api;

import static dev.countersign.api.ApiClient.REQUESTS;
import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A caller that retries with an {@code Idempotency-Key} gets one request, however often and however fast. */
@RunningApp
class IdempotencyApiIT {

    @LocalServerPort
    int port;

    private ApiClient api;
    private Cast cast;
    private String key;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
        cast = Cast.fresh();
        key = "ci-job-" + UUID.randomUUID();
    }

    @Test
    void retryWithTheSameKeyAndBodyAnswers200WithTheSameRequest() {
        // given
        String body =
                request("Deploy api v2.3", cast.alice()).level(1, cast.bob()).json();
        ApiClient.Answer first = api.post(REQUESTS, body, "Idempotency-Key", key);

        // when
        ApiClient.Answer retry = api.post(REQUESTS, body, "Idempotency-Key", key);

        // then
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().path("id").asString())
                .isEqualTo(first.json().path("id").asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(RequestListingApiIT.idsRequestedBy(api, cast.alice()))
                .containsExactly(first.json().path("id").asString());
    }

    @Test
    void retryIsRecognisedWhateverTheJsonSpellingOfTheSameRequest() {
        // given
        ApiClient.Answer first = api.post(
                REQUESTS,
                request("Deploy", cast.alice())
                        .level(1, cast.bob())
                        .field("a", "1")
                        .field("b", "2")
                        .json(),
                "Idempotency-Key",
                key);

        // when the same request comes with its fields reordered and the emails in capitals
        ApiClient.Answer retry = api.post(
                REQUESTS,
                request("Deploy", cast.alice().toUpperCase())
                        .field("b", "2")
                        .field("a", "1")
                        .level(1, cast.bob().toUpperCase())
                        .json(),
                "Idempotency-Key",
                key);

        // then
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().path("id").asString())
                .isEqualTo(first.json().path("id").asString());
    }

    @Test
    void sameKeyWithAnotherBodyIsAConflict() {
        // given
        ApiClient.Answer first = api.post(
                REQUESTS,
                request("Deploy api v2.3", cast.alice()).level(1, cast.bob()).json(),
                "Idempotency-Key",
                key);

        // when
        ApiClient.Answer other = api.post(
                REQUESTS,
                request("Deploy api v2.4", cast.alice()).level(1, cast.bob()).json(),
                "Idempotency-Key",
                key);

        // then
        assertThat(first.status()).isEqualTo(201);
        assertThatProblem(other).is(409).detailContains(key);
        assertThat(RequestListingApiIT.idsRequestedBy(api, cast.alice()))
                .containsExactly(first.json().path("id").asString());
    }

    @Test
    void sameBodyWithoutAKeyOrWithAnotherKeyIsANewRequest() {
        // given
        String body =
                request("Deploy api v2.3", cast.alice()).level(1, cast.bob()).json();
        api.post(REQUESTS, body, "Idempotency-Key", key);

        // when
        ApiClient.Answer withoutKey = api.post(REQUESTS, body);
        ApiClient.Answer withAnotherKey = api.post(REQUESTS, body, "Idempotency-Key", key + "-2");

        // then
        assertThat(withoutKey.status()).isEqualTo(201);
        assertThat(withAnotherKey.status()).isEqualTo(201);
        assertThat(RequestListingApiIT.idsRequestedBy(api, cast.alice())).hasSize(3);
    }

    @Test
    void concurrentCreatesWithTheSameKeyMakeOneRequest() {
        ConcurrentCreates.sameKeyMakesOneRequest(api, cast, key, 8);
    }

    /** Eight callers sending the same keyed request at the same instant, shared with the PostgreSQL variant. */
    static final class ConcurrentCreates {

        private ConcurrentCreates() {}

        static void sameKeyMakesOneRequest(ApiClient api, Cast cast, String key, int callers) {
            // given
            String body = request("Deploy api v2.3", cast.alice())
                    .level(1, cast.bob())
                    .json();

            // when
            List<ApiClient.Answer> answers =
                    Simultaneously.run(callers, () -> api.post(REQUESTS, body, "Idempotency-Key", key));

            // then
            List<Integer> statuses =
                    answers.stream().map(ApiClient.Answer::status).toList();
            assertThat(statuses).as(answers.toString()).containsOnly(201, 200);
            assertThat(statuses).as("exactly one caller created it").containsOnlyOnce(201);
            List<String> ids = answers.stream()
                    .map(a -> a.json().path("id").asString())
                    .distinct()
                    .toList();
            assertThat(ids).hasSize(1);
            assertThat(RequestListingApiIT.idsRequestedBy(api, cast.alice())).isEqualTo(ids);
        }
    }
}
