package dev.countersign.bench;

import java.time.Duration;

/**
 * One long-poll in flight on its own virtual thread: {@code GET /requests/{id}/wait}, and the moment
 * ({@link System#nanoTime()}) its answer arrived.
 */
final class Waiter {

    private final Thread thread;
    private volatile BenchClient.Reply reply;
    private volatile Exception failure;
    private volatile long answeredAt;

    private Waiter(BenchClient client, String id, Duration timeout) {
        this.thread = Thread.ofVirtual().unstarted(() -> {
            try {
                BenchClient.Reply answer = client.await(id, timeout);
                answeredAt = System.nanoTime();
                reply = answer;
            } catch (Exception e) {
                answeredAt = System.nanoTime();
                failure = e;
            }
        });
    }

    static Waiter start(BenchClient client, String id, Duration timeout) {
        Waiter waiter = new Waiter(client, id, timeout);
        waiter.thread.start();
        return waiter;
    }

    boolean answered() {
        return !thread.isAlive();
    }

    /** @return false when there is still no answer after {@code patience} */
    boolean join(Duration patience) throws InterruptedException {
        return thread.join(patience);
    }

    long answeredAt() {
        return answeredAt;
    }

    /**
     * The request status the waiter was answered with ({@code approved}, {@code pending}...), {@code HTTP 503} for an
     * error answer, the exception's name when there was none, or {@code no answer yet}.
     */
    String outcome(BenchClient client) {
        if (thread.isAlive()) {
            return "no answer yet";
        }
        if (failure != null) {
            return failure.getClass().getSimpleName();
        }
        return reply.status() == 200 ? client.status(reply) : "HTTP " + reply.status();
    }
}
