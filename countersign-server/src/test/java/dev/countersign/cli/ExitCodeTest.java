package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodeTest {

    @TempDir
    Path workingDirectory;

    @ParameterizedTest(name = "{0} {1} exits {2}")
    @CsvSource({
        "approved,  standard, 0",
        "approved,  urgent,   0",
        "rejected,  standard, 1",
        "expired,   standard, 2",
        "cancelled, standard, 2",
        "cancelled, urgent,   2",
        "pending,   standard, 2",
        "pending,   urgent,   0"
    })
    void mapsTheStateAWaitEndsInToTheDocumentedExitCode(String status, String mode, int expected) {
        // when
        ExitCode exitCode = ExitCode.forOutcome(status, mode);

        // then
        assertThat(exitCode.code()).isEqualTo(expected);
    }

    @Test
    void treatsAnUnknownStatusAsAServerError() {
        // when / then
        assertThatThrownBy(() -> ExitCode.forOutcome("paused", "standard"))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("unknown status 'paused'")
                .extracting(failure -> ((CliFailure) failure).exitCode())
                .isEqualTo(ExitCode.SERVER_ERROR);
    }

    @Test
    void onlyAPendingStandardRequestKeepsAWaiterWaiting() {
        // when / then
        assertThat(ExitCode.isSettled("pending", "standard")).isFalse();
        assertThat(ExitCode.isSettled("pending", "urgent")).isTrue();
        assertThat(ExitCode.isSettled("approved", "standard")).isTrue();
        assertThat(ExitCode.isSettled("rejected", "standard")).isTrue();
    }

    @Test
    void missingRequiredOptionsAreAUsageError() {
        // when
        CliRun run = cli("request", "--title", "Deploy");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("Missing required options")
                .contains("--type")
                .contains("--level")
                .contains("Run 'countersign request --help' for usage.");
    }

    @Test
    void aMalformedLevelIsAUsageError() {
        // when
        CliRun run = cli(
                "request", "--type", "deploy", "--title", "t", "--requester", "a@x.com", "--level", "b@x.com:maybe");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("'maybe' in level 'b@x.com:maybe' is not a rule");
    }

    @Test
    void aBadDurationIsAUsageError() {
        // when
        CliRun run = cli("wait", "some-id", "--timeout", "soon");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("'soon' is not a duration");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithSuggestions() {
        // when
        CliRun run = cli("statsu", "abc");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("Did you mean").contains("status");
    }

    @Test
    void noCommandAtAllIsAUsageError() {
        // when
        CliRun run = cli();

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("a command is required").contains("Commands:");
    }

    @Test
    void aRejectionWithoutReasonIsAUsageErrorBeforeAnythingIsSent() {
        // when
        CliRun run = cli("decide", "abc", "--reject", "--approver", "bob@x.com", "--url", "http://127.0.0.1:1");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--reject needs --reason");
    }

    @Test
    void approveAndRejectTogetherAreAUsageError() {
        // when
        CliRun run = cli("decide", "abc", "--approve", "--reject", "--approver", "bob@x.com");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void helpExitsZero() {
        // when
        CliRun run = cli("request", "--help");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--level=APPROVERS[:RULE]").contains("--expires-after");
    }

    @Test
    void serveReachedThroughTheCliIsAUsageError() {
        // when
        CliRun run = cli("serve");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("'serve' must be the first argument");
    }

    @Test
    void anUnreachableServerExitsFour() {
        // when
        CliRun run = cli("status", "abc", "--url", "http://127.0.0.1:1");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("cannot reach the server at http://127.0.0.1:1: connection refused");
    }

    private CliRun cli(String... args) {
        return CliRun.run(CliRun.emptyEnvironment(workingDirectory), new FakeTicker(), args);
    }
}
