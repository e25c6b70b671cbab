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
    static final int CLICK_RATE_TARGET = 300;
    static final Duration CLICK_DURATION_TARGET = Duration.ofSeconds(60);
    static final double CLICK_P99_TARGET_MS = 50;

    private final PrintWriter out;

    Report(PrintWriter out) {
        this.out = out;
    }

    void header(BenchClient client, ServerMetrics metrics) {
        out.printf("countersign bench against %s%n", client.baseUrl());
        out.printf(
                "  client: Java %s, %d CPUs seen, max heap %d MiB%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(
                "  server metrics: %s%n",
                metrics.exposed() ? "exposed (/actuator/metrics)" : "not exposed; server-side figures are left out");
        out.flush();
    }

    void creations(List<CreationLoad.Result> warmups, CreationLoad.Result result, Optional<String> cpu) {
        Duration warmupTime = warmups.stream().map(CreationLoad.Result::planned).reduce(Duration.ZERO, Duration::plus);
        section("creates: " + result.shape() + " for " + seconds(result.planned()) + " after a " + seconds(warmupTime)
                + " warm-up");
        for (CreationLoad.Result warmup : warmups) {
            line(
                    "warm-up",
                    "%s for %s: %d created at %.0f/s, %s errors, latency ms %s",
                    warmup.shape(),
                    seconds(warmup.planned()),
                    warmup.created(),
                    warmup.perSecond(),
                    warmup.failures(),
                    warmup.latency());
        }
        line("requests", "%d sent, %d created, %s errors", result.attempted(), result.created(), result.failures());
        stoppedEarlyIf(result.failures());
        line(
                "throughput",
                "%.1f creations/s over %s%s",
                result.perSecond(),
                seconds(result.elapsed()),
                !result.shape().openLoop()
                        ? ""
                        : result.keptUp()
                                ? "; kept up with the offered %d/s (every creation answered, the last within %ds of the end)"
                                        .formatted(result.shape().rate(), CreationLoad.KEPT_UP_SLACK.toSeconds())
                                : "; did NOT keep up with the offered %d/s"
                                        .formatted(result.shape().rate()));
        line(
                "latency ms",
                "%s%s",
                result.latency(),
                result.shape().openLoop() ? "   (from each creation's scheduled time)" : "");
        cpu.ifPresent(text -> line("cpu", "%s", text));
        boolean met = result.sustainedPerSecond() >= CREATION_RATE_TARGET
                && result.latency().count() > 0
                && result.latency().p99() < CREATION_P99_TARGET_MS
                && result.failures().total() == 0;
        target("≥ 1,000 creations/s sustained with p99 < 50 ms, no errors", met);
    }

    void release(DecisionRelease.Result warmup, DecisionRelease.Result result, Optional<String> cpu) {
        section("release: " + result.count() + " requests, " + result.concurrency() + " at a time, waiter parked "
                + result.parkPause().toMillis() + " ms before the approval, after " + warmup.count()
                + " for warm-up");
        line(
                "warm-up",
                "%d released, %s errors, release ms %s",
                warmup.released(),
                warmup.failures(),
                warmup.release());
        line(
                "requests",
                "%d released, %s errors, in %s",
                result.released(),
                result.failures(),
                seconds(result.elapsed()));
        stoppedEarlyIf(result.failures());
        line("release ms", "%s   (approval sent → waiter has its answer)", result.release());
        line("approval ms", "%s   (approval sent → approval answered)", result.decision());
        cpu.ifPresent(text -> line("cpu", "%s", text));
        boolean met = result.release().count() > 0
                && result.release().p99() < RELEASE_P99_TARGET_MS
                && result.failures().total() == 0;
        target("a decision releases its waiter with p99 < 100 ms, no errors", met);
    }

    void waiters(WaiterHold.Result result, Optional<String> cpu) {
        section("waiters: " + result.count() + " concurrent long-polls held, then released");
        line(
                "set-up",
                "%d pending requests created in %s; %d waiters opened in %s",
                result.created(),
                seconds(result.creating()),
                result.opened(),
                seconds(result.opening()));
        line("parked", "%s", result.parked());
        line("early", "%d waiters answered before their request ended", result.answeredEarly());
        line(
                "GET meanwhile",
                "%d probes, %s errors, latency ms %s",
                result.probes().count(),
                result.probeFailures(),
                result.probes());
        for (Map.Entry<String, String> figure : result.server().entrySet()) {
            line("server", "%s: %s", figure.getKey(), figure.getValue());
        }
        line("client", "%d platform threads (waiters are virtual threads)", result.clientThreads());
        line(
                "approvals",
                "sent for every request in %s, %s errors",
                seconds(result.sendingDecisions()),
                result.requestFailures());
        stoppedEarlyIf(result.requestFailures());
        line(
                "waiters",
                "%d of %d answered 'approved', %s failed",
                result.released(),
                result.opened(),
                result.waitFailures());
        line(
                "release all",
                "last waiter answered %s after the first approval was sent",
                seconds(result.releasingAll()));
        line("release ms", "%s   (each approval sent → its waiter answered)", result.release());
        cpu.ifPresent(text -> line("cpu", "%s", text));
        boolean met = result.count() >= WAITERS_TARGET
                && result.released() == result.count()
                && result.parked().startsWith("confirmed")
                && result.probeFailures().total() == 0;
        target("10,000 concurrent waiters held and all released", met);
    }

    void clicks(ClickAcks.Result result) {
        ClickAcks.Settings settings = result.settings();
        section("clicks: signed Approve clicks, open loop at " + settings.rate() + "/s for "
                + seconds(settings.duration()) + " after a " + seconds(settings.warmup()) + " warm-up; "
                + settings.approversPerRequest() + " approvers per request, " + Math.round(settings.repeatShare() * 100)
                + "% double clicks; Slack emulated on port " + settings.emulatorPort());
        if (result.requests() > 0) {
            line(
                    "set-up",
                    "%d requests created in %s, %s errors; %d of %d approver DMs arrived in %s (%.0f/s)",
                    result.created(),
                    seconds(result.creating()),
                    result.setupFailures(),
                    result.dmsDelivered(),
                    result.dmsExpected(),
                    seconds(result.delivering()),
                    result.delivering().isZero()
                            ? 0
                            : result.dmsDelivered()
                                    * 1000.0
                                    / result.delivering().toMillis());
        }
        if (result.problem().isPresent()) {
            line("NOT RUN", "%s", result.problem().get());
            target("interactivity ack p99 < 50 ms at 300 signed clicks/s for 60 s, 0 errors", false);
            return;
        }
        ClickAcks.Phase warm = result.warmup();
        line(
                "warm-up",
                "%d clicks sent, %d acknowledged, %s errors, ack ms %s",
                warm.sent(),
                warm.acknowledged(),
                warm.failures(),
                warm.ack());
        ClickAcks.Phase measured = result.measured();
        line(
                "clicks",
                "%d sent (%d first clicks, %d double clicks), %d acknowledged, %s errors",
                measured.sent(),
                measured.firstClicks(),
                measured.repeats(),
                measured.acknowledged(),
                measured.failures());
        if (measured.repeatsGone() + warm.repeatsGone() > 0) {
            line(
                    "not sent",
                    "%d double clicks: the DM had already been redrawn without its button",
                    measured.repeatsGone() + warm.repeatsGone());
        }
        stoppedEarlyIf(measured.failures());
        line(
                "throughput",
                "%.1f clicks/s over %s; %s",
                measured.perSecond(),
                seconds(measured.elapsed()),
                measured.keptUp()
                        ? "kept up with the offered %d/s (every click acknowledged within %ds, the last "
                                        .formatted(measured.rate(), ClickAcks.ACK_DEADLINE.toSeconds())
                                + "within %ds of the end)".formatted(CreationLoad.KEPT_UP_SLACK.toSeconds())
                        : "did NOT keep up with the offered %d/s".formatted(measured.rate()));
        line("ack ms", "%s   (from each click's scheduled time)", measured.ack());
        line("ack ms HTTP", "%s   (request sent → answer, as Slack times it)", measured.http());
        result.cpu().ifPresent(text -> line("cpu", "%s (client includes the emulated Slack)", text));
        line(
                "redrawn",
                "%d of %d clicked DMs shown without their Approve button%s",
                result.redrawn(),
                result.redrawsExpected(),
                result.caughtUp()
                        .map(d -> ", all " + seconds(d) + " after the last click")
                        .orElse(": NOT all; bench stopped waiting"));
        line("redraw ms", "%s   (click sent → clicker's DM redrawn, measured clicks)", result.redraw());
        line(
                "refusals",
                "%d of %d acknowledged double clicks answered with an ephemeral message",
                result.ephemerals(),
                result.ephemeralsExpected());
        line(
                "decisions",
                "%d recorded via Slack of %d acknowledged first clicks (warm-up included); %d of %d "
                        + "requests whose approvers all clicked are approved; %s errors reading them",
                result.decisions(),
                result.decisionsExpected(),
                result.approved(),
                result.approvedExpected(),
                result.checkFailures());
        boolean honest = result.decisions() == result.decisionsExpected()
                && result.approved() == result.approvedExpected()
                && result.caughtUp().isPresent();
        line(
                "after ack",
                "%s",
                honest
                        ? "every acknowledged click did what it should"
                        : "SOME acknowledged clicks did not do what they should (see above)");
        boolean met = settings.rate() >= CLICK_RATE_TARGET
                && settings.duration().compareTo(CLICK_DURATION_TARGET) >= 0
                && measured.keptUp()
                && measured.ack().count() > 0
                && measured.ack().p99() < CLICK_P99_TARGET_MS
                && honest;
        target("interactivity ack p99 < 50 ms at 300 signed clicks/s for 60 s, 0 errors", met);
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
