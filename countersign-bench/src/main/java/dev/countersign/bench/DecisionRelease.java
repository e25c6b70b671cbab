package dev.countersign.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario {@code release}: how soon a decision reaches the caller long-polling for it. For each of {@code count}
 * requests: create it, start a waiter ({@code /wait?timeout=60s}), give the waiter {@code parkPause} to be parked
 * on the server, then approve; the latency runs from sending the approval to the waiter holding its answer.
 * {@code concurrency} such sequences run side by side.
 *
 * <p>A waiter that answers before the approval was sent, or with anything but {@code approved}, counts as a
 * failure and not as a latency.
 */
final class DecisionRelease {

    static final Duration WAIT_TIMEOUT = Duration.ofSeconds(60);

    record Result(
            int count,
            int concurrency,
            Duration parkPause,
            long released,
            Failures failures,
            Duration elapsed,
            Latencies.Summary release,
            Latencies.Summary decision) {}

    private final BenchClient client;

    DecisionRelease(BenchClient client) {
        this.client = client;
    }

    Result run(int count, int concurrency, Duration parkPause) {
        Latencies release = new Latencies();
        Latencies decision = new Latencies();
        Failures failures = new Failures();
        AtomicInteger next = new AtomicInteger();
        AtomicLong released = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.execute(() -> {
                    for (int n = next.getAndIncrement(); n < count && !failures.tooMany(); n = next.getAndIncrement()) {
                        if (releaseOne(n, parkPause, release, decision, failures)) {
                            released.incrementAndGet();
                        }
                    }
                });
            }
        }
        return new Result(
                count,
                concurrency,
                parkPause,
                released.get(),
                failures,
                Duration.ofNanos(System.nanoTime() - start),
                release.summary(),
                decision.summary());
    }

    private boolean releaseOne(int n, Duration parkPause, Latencies release, Latencies decision, Failures failures) {
        String id;
        try {
            BenchClient.Reply created = client.create(SampleRequests.singleApprover(n));
            if (created.status() != 201) {
                failures.count("create: HTTP " + created.status());
                return false;
            }
            id = BenchClient.idFrom(created);
        } catch (Exception e) {
            failures.count("create", e);
            return false;
        }
        Waiter waiter = Waiter.start(client, id, WAIT_TIMEOUT);
        try {
            Thread.sleep(parkPause);
            if (waiter.answered()) {
                failures.count("wait: answered before the decision (" + waiter.outcome(client) + ")");
                return false;
            }
            long sent = System.nanoTime();
            BenchClient.Reply approved = client.approve(id, SampleRequests.APPROVER);
            long decided = System.nanoTime();
            if (approved.status() != 200) {
                failures.count("decide: HTTP " + approved.status());
                return false;
            }
            if (!waiter.join(WAIT_TIMEOUT.plus(Duration.ofSeconds(40)))) {
                failures.count("wait: no answer");
                return false;
            }
            String outcome = waiter.outcome(client);
            if (!outcome.equals("approved")) {
                failures.count("wait: " + outcome);
                return false;
            }
            release.record(waiter.answeredAt() - sent);
            decision.record(decided - sent);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.count("decide", e);
            return false;
        } catch (Exception e) {
            failures.count("decide", e);
            return false;
        }
    }
}
