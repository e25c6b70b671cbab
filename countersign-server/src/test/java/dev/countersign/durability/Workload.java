package dev.countersign.durability;

import dev.countersign.durability.ApiCalls.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Requests created and decided over the REST API, and a record of what the server acknowledged: a request counts
 * once its creation was answered 201, a decision once it was answered 200. A call that got no answer (the server
 * died meanwhile) leaves its request "in doubt": that one change may or may not have been stored.
 */
final class Workload {

    /** What happens to the n-th request: every fourth is left pending, approved halfway, approved, rejected. */
    enum Plan {
        LEFT_PENDING,
        FIRST_LEVEL_APPROVED,
        APPROVED,
        REJECTED;

        static Plan of(int n) {
            return values()[n % values().length];
        }

        List<Step> steps(int n) {
            return switch (this) {
                case LEFT_PENDING -> List.of();
                case FIRST_LEVEL_APPROVED -> List.of(Step.approve("bob@example.com"));
                case APPROVED -> List.of(Step.approve("bob@example.com"), Step.approve("dave@example.com"));
                case REJECTED -> List.of(new Step("carol@example.com", "reject", "not now, #" + n));
            };
        }
    }

    /** One decision as sent, and as it must read back. */
    record Step(String approver, String verdict, String reason) {

        static Step approve(String approver) {
            return new Step(approver, "approve", null);
        }

        static Step of(JsonNode decision) {
            JsonNode reason = decision.path("reason");
            return new Step(
                    decision.path("approver").asString(),
                    decision.path("verdict").asString(),
                    reason.isNull() || reason.isMissingNode() ? null : reason.asString());
        }
    }

    /** A request the server acknowledged creating, with the decisions it acknowledged. */
    static final class Tracked {

        final int n;
        final String id;
        final List<Step> acknowledged = Collections.synchronizedList(new ArrayList<>());
        volatile boolean inDoubt;

        Tracked(int n, String id) {
            this.n = n;
            this.id = id;
        }
    }

    /** The status a request has after these decisions (levels: bob or carol, then dave). */
    static String statusAfter(List<Step> steps) {
        if (steps.stream().anyMatch(step -> step.verdict().equals("reject"))) {
            return "rejected";
        }
        return steps.size() == 2 ? "approved" : "pending";
    }

    private final ApiCalls api;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Tracked> tracked = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unexpectedAnswers = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;

    Workload(ApiCalls api) {
        this.api = api;
    }

    /** Runs {@code count} requests through their plans, one after the other. */
    void runSequentially(int count) {
        for (int i = 0; i < count; i++) {
            if (!runOne()) {
                return;
            }
        }
    }

    /** Starts {@code threads} clients that keep creating and deciding until {@link #stop()} or the server dies. */
    void start(int threads) {
        for (int i = 0; i < threads; i++) {
            Thread worker = Thread.ofPlatform().name("workload-" + i).start(() -> {
                while (!stopping && runOne()) {
                    // next request
                }
            });
            workers.add(worker);
        }
    }

    /** Waits until at least {@code count} requests were acknowledged with all their decisions. */
    void awaitCompleted(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completed() < count) {
            if (System.nanoTime() > deadline || workers.stream().noneMatch(Thread::isAlive)) {
                throw new AssertionError("only " + completed() + " of " + count + " requests were completed; "
                        + "unexpected answers: " + unexpectedAnswers());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    void stop() {
        stopping = true;
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    List<Tracked> tracked() {
        return List.copyOf(tracked);
    }

    /** Answers other than 201 to a creation and 200 to a decision, while the server was up. */
    List<String> unexpectedAnswers() {
        return List.copyOf(unexpectedAnswers);
    }

    private long completed() {
        synchronized (tracked) {
            return tracked.stream()
                    .filter(t -> !t.inDoubt
                            && t.acknowledged.size() == Plan.of(t.n).steps(t.n).size())
                    .count();
        }
    }

    /** One request through its plan; false once the server stopped answering or answered wrongly. */
    private boolean runOne() {
        int n = next.getAndIncrement();
        Answer created;
        try {
            created = api.post("/api/v1/requests", newRequest(n));
        } catch (IOException noAnswer) {
            return false;
        }
        if (created.status() != 201) {
            unexpectedAnswers.add("create #" + n + ": " + created);
            return false;
        }
        Tracked request = new Tracked(n, created.body().path("id").asString());
        tracked.add(request);
        for (Step step : Plan.of(n).steps(n)) {
            Answer decided;
            try {
                decided = api.postAs(step.approver(), "/api/v1/requests/" + request.id + "/decisions", decision(step));
            } catch (IOException noAnswer) {
                request.inDoubt = true;
                return false;
            }
            if (decided.status() != 200) {
                unexpectedAnswers.add("decide " + step + " on #" + n + ": " + decided);
                return false;
            }
            request.acknowledged.add(step);
        }
        return true;
    }

    private static String newRequest(int n) {
        return """
                {"type":"deploy","title":"Durability #%d","fields":{"n":"%d","env":"prod"},
                 "requester":"alice@example.com",
                 "levels":[{"approvers":["bob@example.com","carol@example.com"],"required":1},
                           {"approvers":["dave@example.com"],"required":"all"}]}
                """.formatted(n, n);
    }

    private static String decision(Step step) {
        return step.reason() == null
                ? "{\"approver\":\"%s\",\"verdict\":\"%s\"}".formatted(step.approver(), step.verdict())
                : "{\"approver\":\"%s\",\"verdict\":\"%s\",\"reason\":\"%s\"}"
                        .formatted(step.approver(), step.verdict(), step.reason());
    }
}
