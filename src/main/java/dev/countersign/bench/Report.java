package dev.countersign.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints each scenario's figures, and for each the target with whether this run met it. Plain aligned
 * text: meant to be read, and pasted into {@code docs/benchmarks.md}.
 */
final class Report {

    static final int CREATION_RATE_TARGET = 1_000;
    static final double CREATION_P99_TARGET_MS = 50;
    static final double RELEASE_P99_TARGET_MS = 100;
    static final int WAITERS_TARGET = 10_000;

    private final PrintWriter out;

    Report(PrintWriter out) {
        this.out = out;
    }

    void header(BenchClient client, ServerMetrics metrics) {
        out.printf("countersign bench against %s%n", client.baseUrl());
        out.printf("  client: Java %s, %d CPUs seen, max heap %d MiB%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        out.printf("  server metrics: %s%n", metrics.exposed() ? "exposed (/actuator/metrics)"
                : "not exposed; server-side figures are left out");
        out.flush();
    }

    void creations(List<CreationLoad.Result> warmups, CreationLoad.Result result, Optional<String> cpu) {
        Duration warmupTime = warmups.stream().map(CreationLoad.Result::planned).reduce(Duration.ZERO, Duration::plus);
        section("creates: " + result.shape() + " for " + seconds(result.planned()) + " after a "
                + seconds(warmupTime) + " warm-up");
        for (CreationLoad.Result warmup : warmups) {
            line("warm-up", "%s for %s: %d created at %.0f/s, %s errors, latency ms %s", warmup.shape(),
                    seconds(warmup.planned()), warmup.created(), warmup.perSecond(), warmup.failures(),
                    warmup.latency());
        }
        line("requests", "%d sent, %d created, %s errors", result.attempted(), result.created(), result.failures());
        stoppedEarlyIf(result.failures());
        line("throughput", "%.1f creations/s over %s%s", result.perSecond(), seconds(result.elapsed()),
                !result.shape().openLoop() ? "" : result.keptUp()
                        ? "; kept up with the offered %d/s (every creation answered, the last within %ds of the end)"
                                .formatted(result.shape().rate(), CreationLoad.KEPT_UP_SLACK.toSeconds())
                        : "; did NOT keep up with the offered %d/s".formatted(result.shape().rate()));
        line("latency ms", "%s%s", result.latency(), result.shape().openLoop()
                ? "   (from each creation's scheduled time)" : "");
        cpu.ifPresent(text -> line("cpu", "%s", text));
        boolean met = result.sustainedPerSecond() >= CREATION_RATE_TARGET && result.latency().count() > 0
                && result.latency().p99() < CREATION_P99_TARGET_MS && result.failures().total() == 0;
        target("≥ 1,000 creations/s sustained with p99 < 50 ms, no errors", met);
    }

    void release(DecisionRelease.Result warmup, DecisionRelease.Result result, Optional<String> cpu) {
        section("release: " + result.count() + " requests, " + result.concurrency() + " at a time, waiter parked "
                + result.parkPause().toMillis() + " ms before the approval, after " + warmup.count()
                + " for warm-up");
        line("warm-up", "%d released, %s errors, release ms %s", warmup.released(), warmup.failures(),
                warmup.release());
        line("requests", "%d released, %s errors, in %s", result.released(), result.failures(),
                seconds(result.elapsed()));
        stoppedEarlyIf(result.failures());
        line("release ms", "%s   (approval sent → waiter has its answer)", result.release());
        line("approval ms", "%s   (approval sent → approval answered)", result.decision());
        cpu.ifPresent(text -> line("cpu", "%s", text));
        boolean met = result.release().count() > 0 && result.release().p99() < RELEASE_P99_TARGET_MS
                && result.failures().total() == 0;
        target("a decision releases its waiter with p99 < 100 ms, no errors", met);
    }

    void waiters(WaiterHold.Result result, Optional<String> cpu) {
        section("waiters: " + result.count() + " concurrent long-polls held, then released");
        line("set-up", "%d pending requests created in %s; %d waiters opened in %s", result.created(),
                seconds(result.creating()), result.opened(), seconds(result.opening()));
        line("parked", "%s", result.parked());
        line("early", "%d waiters answered before their request ended", result.answeredEarly());
        line("GET meanwhile", "%d probes, %s errors, latency ms %s", result.probes().count(),
                result.probeFailures(), result.probes());
        for (Map.Entry<String, String> figure : result.server().entrySet()) {
            line("server", "%s: %s", figure.getKey(), figure.getValue());
        }
        line("client", "%d platform threads (waiters are virtual threads)", result.clientThreads());
        line("approvals", "sent for every request in %s, %s errors", seconds(result.sendingDecisions()),
                result.requestFailures());
        stoppedEarlyIf(result.requestFailures());
        line("waiters", "%d of %d answered 'approved', %s failed", result.released(), result.opened(),
                result.waitFailures());
        line("release all", "last waiter answered %s after the first approval was sent",
                seconds(result.releasingAll()));
        line("release ms", "%s   (each approval sent → its waiter answered)", result.release());
        cpu.ifPresent(text -> line("cpu", "%s", text));
        boolean met = result.count() >= WAITERS_TARGET && result.released() == result.count()
                && result.parked().startsWith("confirmed") && result.probeFailures().total() == 0;
        target("10,000 concurrent waiters held and all released", met);
    }

    private void section(String title) {
        out.printf("%n== %s ==%n", title);
    }

    private void line(String label, String format, Object... args) {
        out.printf("  %-13s %s%n", label, format.formatted(args));
        out.flush();
    }

    private void stoppedEarlyIf(Failures failures) {
        if (failures.tooMany()) {
            line("STOPPED", "after %d failed operations; the figures cover only what ran before", failures.total());
        }
    }

    private void target(String target, boolean met) {
        line("target", "%s: %s", target, met ? "MET" : "MISSED");
    }

    private static String seconds(Duration duration) {
        return "%.1fs".formatted(duration.toMillis() / 1000.0);
    }
}
