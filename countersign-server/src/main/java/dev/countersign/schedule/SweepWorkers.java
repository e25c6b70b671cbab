package dev.countersign.schedule;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The threads that take a sweep's independent pieces of work: batches of requests, each batch a handful of
 * statements in one transaction; one thread by default. They run at low priority: what is due can wait a few seconds
 * more, the API's callers and Slack's callbacks should not wait for it (the JVM passes priorities to the OS with
 * {@code -XX:ThreadPriorityPolicy=1}, which {@code ./countersign} sets).
 */
final class SweepWorkers implements AutoCloseable {

    /**
     * Requests per batch: enough that a batch's few statements cost little per request, few enough that the rows
     * a batch holds until its commit keep a decision on one of them waiting for a few milliseconds at most.
     */
    static final int BATCH = 50;
    /** Time resting per time working: 2 is a third of the time working. */
    private static final int REST_PER_BUSY = 2;

    private final ExecutorService threads;

    SweepWorkers(int count) {
        this.threads = Executors.newFixedThreadPool(
                count,
                Thread.ofPlatform()
                        .name("sweep-", 0)
                        .daemon()
                        .priority(Thread.MIN_PRIORITY)
                        .factory());
    }

    /** Runs {@code work} for every item and returns once all are done; a failing item does not stop the others. */
    <T> void forEach(List<T> items, Consumer<T> work) {
        CompletableFuture.allOf(items.stream()
                        .map(item -> CompletableFuture.runAsync(() -> work.accept(item), threads))
                        .toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .join();
    }

    /**
     * {@link #forEach} over consecutive batches of at most {@link #BATCH} items. After each batch its thread rests
     * twice as long as the batch took: a sweep works at most a third of the time on each of its threads, so that
     * however much is due, the API's callers (and Slack's) find the CPU and the database mostly free while it runs.
     * (Working half the time let API latency double in one of three benchmark runs; docs/benchmarks.md.)
     */
    <T> void forEachBatch(List<T> items, Consumer<List<T>> work) {
        forEach(batches(items, BATCH), batch -> {
            long started = System.nanoTime();
            try {
                work.accept(batch);
            } finally {
                rest(System.nanoTime() - started);
            }
        });
    }

    private static void rest(long busyNanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(REST_PER_BUSY * busyNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        int count = (items.size() + size - 1) / size;
        return IntStream.range(0, count)
                .mapToObj(i -> List.copyOf(items.subList(i * size, Math.min(items.size(), (i + 1) * size))))
                .toList();
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
