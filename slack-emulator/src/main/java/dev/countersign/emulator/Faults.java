package dev.countersign.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Trouble on demand, per Web API method or for all of them ({@code "*"}): failures, outages, slowness. */
final class Faults {

    static final String ANY = "*";

    private final Map<String, Deque<Failure>> next = new HashMap<>();
    private final Map<String, Instant> outages = new HashMap<>();
    private final Map<String, Duration> slowdowns = new HashMap<>();

    synchronized void failNext(String method, int times, Failure failure) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        Deque<Failure> queue = next.computeIfAbsent(method, key -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(failure);
        }
    }

    synchronized void outage(String method, Duration length) {
        outages.put(method, Instant.now().plus(length));
    }

    synchronized void slowdown(String method, Duration delay) {
        if (delay.isZero()) {
            slowdowns.remove(method);
        } else {
            slowdowns.put(method, delay);
        }
    }

    /** The failure this call gets, if any: an outage first, then a queued failure for the method, then for "*". */
    synchronized Optional<Failure> failureFor(String method) {
        Instant now = Instant.now();
        for (String key : new String[] {method, ANY}) {
            Instant until = outages.get(key);
            if (until != null && now.isBefore(until)) {
                return Optional.of(Failure.httpStatus(503));
            }
        }
        for (String key : new String[] {method, ANY}) {
            Deque<Failure> queue = next.get(key);
            if (queue != null && !queue.isEmpty()) {
                return Optional.of(queue.poll());
            }
        }
        return Optional.empty();
    }

    synchronized Duration delayFor(String method) {
        return slowdowns.getOrDefault(method, slowdowns.getOrDefault(ANY, Duration.ZERO));
    }

    synchronized void reset() {
        next.clear();
        outages.clear();
        slowdowns.clear();
    }
}
