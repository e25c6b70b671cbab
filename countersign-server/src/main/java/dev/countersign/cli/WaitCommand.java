package dev.countersign.cli;

import dev.countersign.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign wait ID}: waits for the decision on an existing request; the exit code tells it. */
@Command(
        name = "wait",
        sortOptions = false,
        header = "Wait for the decision on a request.",
        description = "Exits 0 when approved (or at once for an urgent request, which is executable already), 1 when "
                + "rejected, 2 when expired, cancelled or the timeout runs out. Survives server restarts: "
                + "connection failures are retried while time remains.")
final class WaitCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The request's id.")
    private String id;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "30m",
            description = "Give up (exit 2) after this long, e.g. 30s, 30m, 2h, 1h30m (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() {
        Output output = server.output();
        try (CountersignClient client = server.connect()) {
            return report(server.decisionWait(client).await(id, null, timeout), timeout, output);
        }
    }

    /** Prints the last state seen and turns the outcome into the exit code. */
    static int report(DecisionWait.Outcome outcome, Duration timeout, Output output) {
        output.request(outcome.request());
        if (outcome.timedOut()) {
            output.note("countersign: timed out after " + Durations.format(timeout) + "; request "
                    + outcome.request().path("id").asString("") + " is still " + outcome.status());
        } else if ("pending".equals(outcome.status()) && "urgent".equals(outcome.mode())) {
            output.note("Urgent request: executable now; approvals are collected afterwards.");
        }
        return outcome.exitCode().code();
    }
}
