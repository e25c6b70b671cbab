package dev.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.CountersignServer;
import dev.countersign.testing.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * {@code countersign bench --scenario clicks} with tiny numbers against the whole server on PostgreSQL, its Slack
 * pointed at the port where the bench starts its emulator, as {@code scripts/bench.sh} runs it: the clicks are
 * acknowledged, and the decisions, redraws and refusals they should cause are all found afterwards.
 */
@SpringBootTest(
        classes = CountersignServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=" + BenchClicksIT.TOKEN,
            "countersign.data-dir=${java.io.tmpdir}/cs-bench-clicks-test-${random.uuid}",
            "countersign.slack.bot-token=" + BenchCommand.BOT_TOKEN,
            "countersign.slack.signing-secret=" + BenchCommand.SIGNING_SECRET,
            "countersign.slack.dispatcher-poll-interval=100ms"
        })
class BenchClicksIT {

    static final String TOKEN = "bench-clicks-test-token-0123456789abcdef";
    private static final int EMULATOR_PORT = freePort();

    @DynamicPropertySource
    static void postgresAndSlack(DynamicPropertyRegistry registry) {
        String url = TestPostgres.freshDatabase("bench_clicks");
        registry.add("countersign.db.url", () -> url);
        registry.add("countersign.db.user", () -> TestPostgres.USER);
        registry.add("countersign.db.password", () -> TestPostgres.PASSWORD);
        registry.add("countersign.slack.api-url", () -> "http://127.0.0.1:" + EMULATOR_PORT + "/api/");
    }

    @LocalServerPort
    int port;

    @Test
    void clicksAreAcknowledgedAndEveryOneDoesWhatItShould() {
        // when: 20 clicks/s for 1 s of warm-up and 2 s measured; every 5th a double click
        Run run = bench(
                "--url",
                "http://127.0.0.1:" + port,
                "--token",
                TOKEN,
                "--scenario",
                "clicks",
                "--emulator-port",
                Integer.toString(EMULATOR_PORT),
                "--click-rate",
                "20",
                "--click-warmup",
                "1s",
                "--click-duration",
                "2s",
                "--double-clicks",
                "0.2");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("== clicks: signed Approve clicks, open loop at 20/s")
                .containsPattern("set-up +\\d+ requests created in [\\d.]+s, 0 errors; (\\d+) of \\1 approver DMs")
                .containsPattern(
                        "clicks +40 sent \\(\\d+ first clicks, \\d+ double clicks\\), \\d+ acknowledged, " + "0 errors")
                .containsPattern("redrawn +(\\d+) of \\1 clicked DMs shown without their Approve button, all")
                .containsPattern("refusals +(\\d+) of \\1 acknowledged double clicks")
                .containsPattern("decisions +(\\d+) recorded via Slack of \\1 acknowledged first clicks")
                .contains("every acknowledged click did what it should")
                .doesNotContain("== creates");
    }

    @Test
    void aServerThatDoesNotKnowTheBenchsSigningSecretIsOneClearMessageBeforeAnyLoad() {
        // given: the bench signs with a secret the server does not have (its emulator's default)
        Run run = bench(
                "--url",
                "http://127.0.0.1:" + port,
                "--token",
                TOKEN,
                "--scenario",
                "clicks",
                "--emulator-port",
                Integer.toString(freePort()),
                "--click-duration",
                "1s",
                "--slack-signing-secret",
                "not-the-servers");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out())
                .contains("NOT RUN")
                .contains("refused the bench's signature (401)")
                .doesNotContain("set-up");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
