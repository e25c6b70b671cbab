package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wait} and {@code request --wait}: long-polling, the overall timeout, and retries with back-off. */
class DecisionWaitTest {

    private static final String GET = "GET /api/v1/requests/r-1";
    private static final String WAIT = "GET /api/v1/requests/r-1/wait";
    private static final String UNAVAILABLE = "{\"title\":\"Service Unavailable\",\"status\":503}";

    @TempDir
    Path workingDirectory;

    private final FakeTicker ticker = new FakeTicker();
    private StubServer server;

    @BeforeEach
    void startStub() throws IOException {
        // a long-poll holds the call for the timeout it asks for: let that much fake time pass
        server = new StubServer().onReceive(request -> {
            if (request.path().endsWith("/wait")) {
                ticker.advance(Duration.parse(
                        "PT" + request.query().replace("timeout=", "").toUpperCase()));
            }
        });
    }

    @AfterEach
    void stopStub() {
        server.close();
    }

    @Test
    void waitExitsZeroWhenTheRequestIsApproved() {
        // given
        server.answer(GET, 200, SampleRequests.pending("r-1")).answer(WAIT, 200, SampleRequests.approved("r-1"));

        // when
        CliRun run = cli("wait", "r-1");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("status +approved");
    }

    @Test
    void waitExitsOneWhenRejectedAndTwoWhenExpiredOrCancelled() {
        // given
        server.answer(GET, 200, SampleRequests.rejected("r-1"))
                .answer("GET /api/v1/requests/r-2", 200, SampleRequests.withStatus("r-2", "expired", "standard"))
                .answer("GET /api/v1/requests/r-3", 200, SampleRequests.withStatus("r-3", "cancelled", "standard"));

        // when / then
        assertThat(cli("wait", "r-1").exitCode()).isEqualTo(1);
        assertThat(cli("wait", "r-2").exitCode()).isEqualTo(2);
        assertThat(cli("wait", "r-3").exitCode()).isEqualTo(2);
    }

    @Test
    void waitAsksForAtMost120SecondsPerPollUntilTheTimeoutRunsOut() {
        // given
        server.answer(GET, 200, SampleRequests.pending("r-1")).answer(WAIT, 200, SampleRequests.pending("r-1"));

        // when
        CliRun run = cli("wait", "r-1", "--timeout", "5m");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(server.received("GET", "/api/v1/requests/r-1/wait"))
                .extracting(StubServer.Received::query)
                .containsExactly("timeout=120s", "timeout=120s", "timeout=60s");
        assertThat(run.err()).contains("timed out after 5m; request r-1 is still pending");
        assertThat(run.out()).containsPattern("status +pending");
    }

    @Test
    void anUrgentRequestReleasesTheWaiterAtOnceBecauseItIsExecutable() {
        // given
        server.answer(GET, 200, SampleRequests.withStatus("r-1", "pending", "urgent"));

        // when
        CliRun run = cli("wait", "r-1");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(server.received("GET", "/api/v1/requests/r-1/wait")).isEmpty();
        assertThat(run.err()).contains("Urgent request: executable now");
    }

    @Test
    void transientFailuresAreRetriedWithBackOffUntilTheServerAnswers() {
        // given
        server.answer(GET, 503, UNAVAILABLE)
                .answer(GET, 502, "")
                .answer(GET, 200, SampleRequests.pending("r-1"))
                .answer(WAIT, 504, "")
                .answer(WAIT, 200, SampleRequests.approved("r-1"));

        // when
        CliRun run = cli("wait", "r-1");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(ticker.sleeps()).containsExactly(seconds(1), seconds(2), seconds(1));
        assertThat(run.err())
                .contains("503 Service Unavailable; retrying in 1s")
                .contains("502 Bad Gateway; retrying in 2s")
                .contains("504 Gateway Timeout; retrying in 1s");
    }

    @Test
    void givesUpWithExitFourAfterBackingOffFor1_2_4_8_16Seconds() {
        // given
        server.answer(GET, 503, UNAVAILABLE);

        // when
        CliRun run = cli("wait", "r-1", "--timeout", "1h");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(ticker.sleeps()).containsExactly(seconds(1), seconds(2), seconds(4), seconds(8), seconds(16));
        assertThat(run.err()).endsWith("countersign: 503 Service Unavailable\n");
    }

    @Test
    void retriesAnUnreachableServerToo() {
        // when
        CliRun run = CliRun.run(
                CliRun.emptyEnvironment(workingDirectory), ticker, "wait", "r-1", "--url", "http://127.0.0.1:1");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(ticker.sleeps()).hasSize(5);
        assertThat(run.err()).contains("connection refused");
    }

    @Test
    void doesNotRetryBeyondTheOverallTimeout() {
        // given
        server.answer(GET, 503, UNAVAILABLE);

        // when
        CliRun run = cli("wait", "r-1", "--timeout", "5s");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(ticker.sleeps()).containsExactly(seconds(1), seconds(2));
    }

    @Test
    void doesNotRetryAnswersThatWillNotChange() {
        // given
        server.answer(GET, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no request r-1\"}");

        // when
        CliRun run = cli("wait", "r-1");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(ticker.sleeps()).isEmpty();
        assertThat(run.err()).isEqualTo("countersign: 404 Not Found: no request r-1\n");
    }

    @Test
    void requestWithWaitWaitsOnTheCreatedRequestWithoutFetchingItAgain() {
        // given
        server.answer("POST /api/v1/requests", 201, SampleRequests.pending("r-1"))
                .answer(WAIT, 200, SampleRequests.rejected("r-1"));

        // when
        CliRun run = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "Deploy",
                "--requester",
                "alice@example.com",
                "--level",
                "bob@example.com",
                "--wait",
                "--timeout",
                "10m",
                "--json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(server.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /api/v1/requests", WAIT);
        assertThat(run.out()).contains("\"status\" : \"rejected\"");
        assertThat(run.err())
                .contains("Requested approval: Deploy api v2.3 to prod (r-1)")
                .contains("Waiting up to 10m for a decision");
    }

    @Test
    void timeoutWithoutWaitIsAUsageError() {
        // when
        CliRun run = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "Deploy",
                "--requester",
                "alice@example.com",
                "--level",
                "bob@example.com",
                "--timeout",
                "10m");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--timeout only applies with --wait");
        assertThat(server.received()).isEmpty();
    }

    private CliRun cli(String... args) {
        List<String> withUrl = new java.util.ArrayList<>(List.of(args));
        withUrl.addAll(List.of("--url", server.url()));
        return CliRun.run(CliRun.emptyEnvironment(workingDirectory), ticker, withUrl.toArray(String[]::new));
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
