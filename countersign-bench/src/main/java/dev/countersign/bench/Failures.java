package dev.countersign.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Failed operations counted by kind ({@code create: HTTP 503}, {@code wait: HttpTimeoutException}, ...). Past
 * {@link #LIMIT} a scenario stops starting new operations: a server that has fallen over would otherwise be
 * waited on for one call timeout per remaining operation.
 */
final class Failures {

    static final int LIMIT = 100;

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

    void count(String kind) {
        byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void count(String operation, Throwable failure) {
        count(operation + ": " + failure.getClass().getSimpleName());
    }

    /** Whether so many operations failed that the scenario should stop starting new ones. */
    boolean tooMany() {
        return total() >= LIMIT;
    }

    long total() {
        return byKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** E.g. {@code 3 (create: HTTP 503 ×2, create: HttpTimeoutException ×1)}, or {@code 0}. */
    @Override
    public String toString() {
        long total = total();
        if (total == 0) {
            return "0";
        }
        return total + " ("
                + byKind.entrySet().stream()
                        .sorted(Map.Entry.<String, LongAdder>comparingByValue((a, b) -> Long.compare(b.sum(), a.sum())))
                        .map(e -> e.getKey() + " ×" + e.getValue().sum())
                        .collect(Collectors.joining(", "))
                + ")";
    }

    /** One piece of work in {@link #inParallel}, by its index. */
    interface Task {
        void run(int n);
    }

    /**
     * Runs {@code task(0..count-1)} on {@code concurrency} virtual threads and returns when all are done, or when
     * {@code failures} says too many have failed.
     */
    static void inParallel(int count, int concurrency, Failures failures, Task task) {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.execute(() -> {
                    for (int n = next.getAndIncrement(); n < count && !failures.tooMany(); n = next.getAndIncrement()) {
                        task.run(n);
                    }
                });
            }
        }
    }
}
