package dev.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.CountersignServer;
import dev.countersign.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * {@code countersign bench} with tiny numbers against the whole server on PostgreSQL, configured as
 * {@code scripts/bench.sh} runs it (metrics exposed): every scenario completes, and what it prints adds up. The
 * figures themselves are not asserted; they belong in docs/benchmarks.md, not in a timed test.
 */
@SpringBootTest(
        classes = CountersignServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=" + BenchCommandIT.TOKEN,
            "countersign.data-dir=${java.io.tmpdir}/cs-bench-test-${random.uuid}",
            "management.endpoints.web.exposure.include=health,info,metrics"
        })
class BenchCommandIT {

    static final String TOKEN = "bench-test-token-0123456789abcdef0123";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.freshDatabase("bench");
        registry.add("countersign.db.url", () -> url);
        registry.add("countersign.db.user", () -> TestPostgres.USER);
        registry.add("countersign.db.password", () -> TestPostgres.PASSWORD);
    }

    @LocalServerPort
    int port;

    @Test
    void runsEveryScenarioAndReportsWhatHappened() {
        // when
        Run run = bench(
                "--url",
                "http://127.0.0.1:" + port,
                "--token",
                TOKEN,
                "--rate",
                "100",
                "--warmup",
                "1s",
                "--duration",
                "1s",
                "--requests",
                "12",
                "--release-warmup",
                "4",
                "--release-concurrency",
                "4",
                "--park-pause",
                "100ms",
                "--waiters",
                "40",
                "--hold",
                "1s");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("== creates: open loop at 100/s")
                .contains("100 sent, 100 created, 0 errors")
                .contains("warm-up       4 released, 0 errors")
                .contains("12 released, 0 errors")
                .contains("parked        confirmed: the server reports 40 active requests")
                .contains("GET meanwhile 5 probes, 0 errors")
                .contains("40 of 40 answered 'approved', 0 failed")
                .containsPattern("JVM threads live: \\d+");
    }

    @Test
    void aClosedLoopRunsForItsDurationWithTheGivenCallers() {
        // when
        Run run = bench(
                "--url",
                "http://localhost:" + port,
                "--token",
                TOKEN,
                "--scenario",
                "creates",
                "--concurrency",
                "3",
                "--warmup",
                "1s",
                "--duration",
                "1s");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("closed loop with 3 concurrent callers for 1.0s")
                .containsPattern("requests +(\\d+) sent, \\1 created, 0 errors")
                .doesNotContain("== release")
                .doesNotContain("== waiters");
    }

    @Test
    void aWrongTokenIsOneClearMessageBeforeAnyLoad() {
        // when
        Run run = bench("--url", "http://127.0.0.1:" + port, "--token", "not-the-token");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("refused the token (401)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesAServerOnAnotherMachine() {
        // when
        Run run = bench("--url", "http://approvals.example.com", "--token", TOKEN);

        // then
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("bench only loads a server on this machine");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesAHoldLongerThanTheWaitersCouldLast() {
        // when
        Run run = bench("--url", "http://127.0.0.1:" + port, "--token", TOKEN, "--hold", "2m");

        // then
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--hold plus the time to open --waiters");
    }

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
