package dev.countersign.schedule;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A few threads that take a sweep's independent pieces of work (one request each) side by side. Each piece is a
 * handful of short statements; done one after another, the sweep waits on database round trips most of the time.
 * They run at low priority: what is due can wait a few seconds more, the API's callers and Slack's callbacks
 * should not wait for it (the JVM passes priorities to the OS with {@code -XX:ThreadPriorityPolicy=1}, which
 * {@code ./countersign} sets).
 */
final class SweepWorkers implements AutoCloseable {

    private final ExecutorService threads;

    SweepWorkers(int count) {
        this.threads = Executors.newFixedThreadPool(count,
                Thread.ofPlatform().name("sweep-", 0).daemon().priority(Thread.MIN_PRIORITY).factory());
    }

    /** Runs {@code work} for every item and returns once all are done; a failing item does not stop the others. */
    <T> void forEach(List<T> items, Consumer<T> work) {
        CompletableFuture.allOf(items.stream()
                .map(item -> CompletableFuture.runAsync(() -> work.accept(item), threads))
                .toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .join();
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
