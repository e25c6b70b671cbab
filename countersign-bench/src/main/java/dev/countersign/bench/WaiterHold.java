package dev.countersign.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario {@code waiters}: many callers long-polling at once. Creates {@code count} pending requests, opens one
 * waiter on each ({@code /wait?timeout=120s}, paced at {@code openRate} per second), makes sure they are parked,
 * holds them for {@code hold} while checking that the server still answers a {@code GET} quickly, then approves
 * every request and checks that every waiter got {@code approved}.
 *
 * <p>Parked means the server counts them as active requests ({@code http.server.requests.active}) when it exposes
 * metrics; otherwise the scenario waits a fixed settling time and says that it could not check.
 */
final class WaiterHold {

    static final Duration WAIT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE_WITHOUT_METRICS = Duration.ofSeconds(3);
    private static final Duration PARK_PATIENCE = Duration.ofSeconds(60);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    private static final int SETUP_CONCURRENCY = 32;

    record Result(
            int count,
            long created,
            Duration creating,
            int opened,
            Duration opening,
            String parked,
            long answeredEarly,
            Latencies.Summary probes,
            Failures probeFailures,
            Map<String, String> server,
            int clientThreads,
            Failures requestFailures,
            Duration sendingDecisions,
            long released,
            Failures waitFailures,
            Duration releasingAll,
            Latencies.Summary release) {}

    private final BenchClient client;
    private final ServerMetrics metrics;

    WaiterHold(BenchClient client, ServerMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    Result run(int count, int openRate, Duration hold, int endConcurrency) throws InterruptedException {
        // 1. pending requests to wait on
        String[] ids = new String[count];
        Failures requestFailures = new Failures();
        long createStart = System.nanoTime();
        Failures.inParallel(count, SETUP_CONCURRENCY, requestFailures, n -> {
            try {
                BenchClient.Reply created = client.create(SampleRequests.singleApprover(n));
                if (created.status() == 201) {
                    ids[n] = BenchClient.idFrom(created);
                } else {
                    requestFailures.count("create: HTTP " + created.status());
                }
            } catch (Exception e) {
                requestFailures.count("create", e);
            }
        });
        Duration creating = Duration.ofNanos(System.nanoTime() - createStart);
        long created = Arrays.stream(ids).filter(Objects::nonNull).count();

        // 2. one waiter per request, paced so that the server's accept queue is not flooded
        Waiter[] waiters = new Waiter[count];
        int opened = 0;
        long openStart = System.nanoTime();
        for (int n = 0; n < count; n++) {
            if (ids[n] == null) {
                continue;
            }
            long due = openStart + (long) opened * 1_000_000_000L / openRate;
            long early = due - System.nanoTime();
            if (early > 0) {
                LockSupport.parkNanos(early);
            }
            waiters[n] = Waiter.start(client, ids[n], WAIT_TIMEOUT);
            opened++;
        }
        Duration opening = Duration.ofNanos(System.nanoTime() - openStart);
        String parked = awaitParked(opened);
        long answeredEarly =
                Arrays.stream(waiters).filter(w -> w != null && w.answered()).count();

        // 3. the hold: the server must stay responsive with every waiter parked
        Latencies probes = new Latencies();
        Failures probeFailures = new Failures();
        String probeId = firstId(ids);
        long probesToMake = hold.toNanos() / PROBE_INTERVAL.toNanos();
        Map<String, String> server = Map.of();
        for (long p = 0; p < probesToMake && probeId != null; p++) {
            long sent = System.nanoTime();
            try {
                BenchClient.Reply reply = client.get(probeId);
                if (reply.status() == 200) {
                    probes.record(System.nanoTime() - sent);
                } else {
                    probeFailures.count("get: HTTP " + reply.status());
                }
            } catch (Exception e) {
                probeFailures.count("get", e);
            }
            if (p == probesToMake / 2) {
                server = metrics.snapshot();
            }
            LockSupport.parkNanos(Math.max(0, sent + PROBE_INTERVAL.toNanos() - System.nanoTime()));
        }
        int clientThreads = ManagementFactory.getThreadMXBean().getThreadCount();

        // 4. end every request; each waiter's release is timed from its own approval
        long[] approvalSent = new long[count];
        long endStart = System.nanoTime();
        Failures.inParallel(count, endConcurrency, requestFailures, n -> {
            if (ids[n] == null) {
                return;
            }
            approvalSent[n] = System.nanoTime();
            try {
                BenchClient.Reply approved = client.approve(ids[n], SampleRequests.APPROVER);
                if (approved.status() != 200) {
                    requestFailures.count("decide: HTTP " + approved.status());
                }
            } catch (Exception e) {
                requestFailures.count("decide", e);
            }
        });
        Duration sendingDecisions = Duration.ofNanos(System.nanoTime() - endStart);

        // 5. every waiter must have been answered "approved"
        Latencies release = new Latencies();
        Failures waitFailures = new Failures();
        long released = 0;
        long lastAnswer = endStart;
        long deadline = endStart + WAIT_TIMEOUT.plus(Duration.ofSeconds(40)).toNanos();
        for (int n = 0; n < count; n++) {
            Waiter waiter = waiters[n];
            if (waiter == null) {
                continue;
            }
            if (!waiter.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                waitFailures.count("wait: no answer");
                continue;
            }
            String outcome = waiter.outcome(client);
            if (outcome.equals("approved") && waiter.answeredAt() >= approvalSent[n]) {
                released++;
                release.record(waiter.answeredAt() - approvalSent[n]);
                lastAnswer = Math.max(lastAnswer, waiter.answeredAt());
            } else {
                waitFailures.count("wait: " + outcome);
            }
        }
        return new Result(
                count,
                created,
                creating,
                opened,
                opening,
                parked,
                answeredEarly,
                probes.summary(),
                probeFailures,
                server,
                clientThreads,
                requestFailures,
                sendingDecisions,
                released,
                waitFailures,
                Duration.ofNanos(lastAnswer - endStart),
                release.summary());
    }

    /** Waits until the server counts every waiter as an active request; says how parking was established. */
    private String awaitParked(int opened) {
        if (metrics.activeRequests().isEmpty()) {
            LockSupport.parkNanos(SETTLE_WITHOUT_METRICS.toNanos());
            return "not checked (server metrics not exposed); waited " + SETTLE_WITHOUT_METRICS.toSeconds() + "s";
        }
        long start = System.nanoTime();
        long deadline = start + PARK_PATIENCE.toNanos();
        double active = 0;
        while (System.nanoTime() < deadline) {
            // the probe itself is one of the active requests
            active = metrics.activeRequests().orElse(0.0) - 1;
            if (active >= opened) {
                return "confirmed: the server reports %.0f active requests %d ms after the last waiter was opened"
                        .formatted(active, (System.nanoTime() - start) / 1_000_000);
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        return "NOT confirmed: the server reports only %.0f active requests after %ds"
                .formatted(active, PARK_PATIENCE.toSeconds());
    }

    private static String firstId(String[] ids) {
        for (String id : ids) {
            if (id != null) {
                return id;
            }
        }
        return null;
    }
}
