package dev.countersign.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        return total + " (" + byKind.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue((a, b) -> Long.compare(b.sum(), a.sum())))
                .map(e -> e.getKey() + " ×" + e.getValue().sum())
                .collect(Collectors.joining(", ")) + ")";
    }
}
