package dev.countersign.approval.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs contenders on real threads, one each, released together by a barrier so that they hit the database at the
 * same moment, and reports how each one ended.
 */
final class Race {

    private Race() {}

    /** How one contender ended: with a value, or with the exception it threw. */
    record Outcome<T>(T value, Throwable failure) {

        boolean won() {
            return failure == null;
        }
    }

    static <T> List<Outcome<T>> run(List<Callable<T>> contenders) {
        CyclicBarrier start = new CyclicBarrier(contenders.size());
        ExecutorService threads = Executors.newFixedThreadPool(contenders.size());
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> contender : contenders) {
                running.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return contender.call();
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : running) {
                try {
                    outcomes.add(new Outcome<>(future.get(30, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the race ran", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a contender did not finish within 30 s", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
