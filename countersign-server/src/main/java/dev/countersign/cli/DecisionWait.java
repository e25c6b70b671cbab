package dev.countersign.cli;

import dev.countersign.Durations;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Waits for a decision on one request by long-polling {@code GET /requests/{id}/wait} until the request is
 * settled (see {@link ExitCode#isSettled}) or the overall timeout runs out.
 *
 * <p>Each poll asks the server to hold the call for the remaining time, at most {@value #MAX_POLL_SECONDS} s, so
 * the server wakes the caller as soon as a decision lands and no call outlives a proxy's idle timeout. A
 * pipeline's wait can span a server restart or a gateway hiccup, so transient failures (no connection, 502, 503,
 * 504) are retried after 1, 2, 4, 8 and 16 s while time remains; only then does the failure end the wait.
 */
final class DecisionWait {

    static final int MAX_POLL_SECONDS = 120;
    static final List<Duration> BACKOFF =
            List.of(1, 2, 4, 8, 16).stream().map(Duration::ofSeconds).toList();

    private final CountersignClient client;
    private final Ticker ticker;
    private final Output output;

    DecisionWait(CountersignClient client, Ticker ticker, Output output) {
        this.client = client;
        this.ticker = ticker;
        this.output = output;
    }

    /** How a wait ended: the last state seen, and whether the timeout ran out before it settled. */
    record Outcome(JsonNode request, boolean timedOut) {

        ExitCode exitCode() {
            return timedOut ? ExitCode.NOT_APPROVED : ExitCode.forOutcome(status(), mode());
        }

        String status() {
            return request.path("status").asString("");
        }

        String mode() {
            return request.path("mode").asString("");
        }
    }

    /**
     * @param id      the request to wait for
     * @param known   its state if the caller already has it (e.g. just created), else {@code null}
     * @param timeout how long to wait in all
     */
    Outcome await(String id, JsonNode known, Duration timeout) {
        long deadline = ticker.nanoTime() + timeout.toNanos();
        JsonNode request = known != null ? known : withRetries(deadline, () -> client.get(id));
        while (!settled(request)) {
            Duration remaining = Duration.ofNanos(deadline - ticker.nanoTime());
            if (remaining.isNegative() || remaining.isZero()) {
                return new Outcome(request, true);
            }
            Duration poll = Duration.ofSeconds(Math.min(MAX_POLL_SECONDS, ceilSeconds(remaining)));
            request = withRetries(deadline, () -> client.awaitDecision(id, poll));
        }
        return new Outcome(request, false);
    }

    private static boolean settled(JsonNode request) {
        return ExitCode.isSettled(
                request.path("status").asString(""), request.path("mode").asString(""));
    }

    private JsonNode withRetries(long deadline, Supplier<JsonNode> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (CliFailure failure) {
                if (!failure.isTransient() || attempt >= BACKOFF.size()) {
                    throw failure;
                }
                Duration delay = BACKOFF.get(attempt);
                if (ticker.nanoTime() + delay.toNanos() >= deadline) {
                    throw failure;
                }
                output.note("countersign: " + failure.getMessage() + "; retrying in " + Durations.format(delay));
                pause(delay);
            }
        }
    }

    private void pause(Duration delay) {
        try {
            ticker.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.SERVER_ERROR, "interrupted while waiting to retry", e);
        }
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.toSeconds();
        return duration.toNanosPart() == 0 ? seconds : seconds + 1;
    }
}
