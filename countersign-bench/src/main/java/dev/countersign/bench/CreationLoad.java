package dev.countersign.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario {@code creates}: request creations, either open-loop at a target rate or closed-loop with a fixed number
 * of callers, for a fixed duration after a warm-up whose figures are thrown away.
 *
 * <p>Open loop measures each creation from the moment it was <em>scheduled</em>, not from when it was finally
 * sent: when the server (or this machine) falls behind, the queueing shows in the latency instead of silently
 * lowering the rate (no coordinated omission). At most {@code maxInFlight} creations are outstanding; beyond that
 * the schedule waits, which the latencies then show.
 */
final class CreationLoad {

    /** How the load is generated: {@code rate > 0} open loop, else {@code concurrency} callers in a closed loop. */
    record Shape(int rate, int concurrency, int maxInFlight) {

        boolean openLoop() {
            return rate > 0;
        }

        @Override
        public String toString() {
            return openLoop()
                    ? "open loop at " + rate + "/s (at most " + maxInFlight + " in flight)"
                    : "closed loop with " + concurrency + " concurrent callers";
        }
    }

    static final Duration KEPT_UP_SLACK = Duration.ofSeconds(1);

    record Result(
            Shape shape,
            Duration planned,
            long attempted,
            long created,
            Failures failures,
            Duration elapsed,
            Latencies.Summary latency) {

        /** Created per second, from the first send to the last answer. */
        double perSecond() {
            return elapsed.isZero() ? 0 : created * 1e9 / elapsed.toNanos();
        }

        /**
         * The rate the server sustained: in a closed loop what it achieved; in an open loop the offered rate if it
         * kept up with it (else what it achieved). Measured from first send to last answer, an open loop always
         * comes out a hair under its offered rate, by the last answer's latency; so keeping up means answering every
         * scheduled creation successfully, the last within {@link #KEPT_UP_SLACK} of the schedule's end.
         */
        double sustainedPerSecond() {
            return keptUp() ? shape.rate() : perSecond();
        }

        boolean keptUp() {
            return shape.openLoop()
                    && created == scheduled(shape, planned)
                    && failures.total() == 0
                    && elapsed.compareTo(planned.plus(KEPT_UP_SLACK)) <= 0;
        }
    }

    /** How many creations an open loop schedules over {@code duration}. */
    static long scheduled(Shape shape, Duration duration) {
        return duration.toNanos() * shape.rate() / 1_000_000_000L;
    }

    private final BenchClient client;
    private final AtomicLong sequence = new AtomicLong();

    CreationLoad(BenchClient client) {
        this.client = client;
    }

    Result run(Shape shape, Duration duration) throws InterruptedException {
        Latencies latencies = new Latencies();
        Failures failures = new Failures();
        AtomicLong attempted = new AtomicLong();
        AtomicLong created = new AtomicLong();
        long start = System.nanoTime();
        if (shape.openLoop()) {
            openLoop(shape, duration, start, latencies, failures, attempted, created);
        } else {
            closedLoop(shape, duration, start, latencies, failures, attempted, created);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(shape, duration, attempted.get(), created.get(), failures, elapsed, latencies.summary());
    }

    private void openLoop(
            Shape shape,
            Duration duration,
            long start,
            Latencies latencies,
            Failures failures,
            AtomicLong attempted,
            AtomicLong created)
            throws InterruptedException {
        long total = scheduled(shape, duration);
        Semaphore inFlight = new Semaphore(shape.maxInFlight());
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total && !failures.tooMany(); i++) {
                long scheduled = start + i * 1_000_000_000L / shape.rate();
                long early = scheduled - System.nanoTime();
                if (early > 0) {
                    LockSupport.parkNanos(early);
                }
                inFlight.acquire();
                attempted.incrementAndGet();
                callers.execute(() -> {
                    try {
                        createOne(scheduled, latencies, failures, created);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    private void closedLoop(
            Shape shape,
            Duration duration,
            long start,
            Latencies latencies,
            Failures failures,
            AtomicLong attempted,
            AtomicLong created) {
        long end = start + duration.toNanos();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < shape.concurrency(); c++) {
                callers.execute(() -> {
                    while (System.nanoTime() < end && !failures.tooMany()) {
                        attempted.incrementAndGet();
                        createOne(System.nanoTime(), latencies, failures, created);
                    }
                });
            }
        }
    }

    private void createOne(long from, Latencies latencies, Failures failures, AtomicLong created) {
        try {
            BenchClient.Reply reply = client.create(SampleRequests.deploy(sequence.incrementAndGet()));
            long answered = System.nanoTime();
            if (reply.status() == 201) {
                latencies.record(answered - from);
                created.incrementAndGet();
            } else {
                failures.count("create: HTTP " + reply.status());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.count("create", e);
        } catch (Exception e) {
            failures.count("create", e);
        }
    }
}
