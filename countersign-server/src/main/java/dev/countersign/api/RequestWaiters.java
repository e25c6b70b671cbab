package dev.countersign.api;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.RequestChanged;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestNotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Callers long-polling for an outcome. A waiter is an async servlet response parked in memory: it costs a
 * connection, no thread and no database polling. It is released
 * <ul>
 *   <li>at once when this node ends the request (the after-commit {@link RequestChanged} event),</li>
 *   <li>within about a second when another node sharing the database ends it (one sweep query per second for
 *       all waiters together, not one per waiter),</li>
 *   <li>at its timeout, with the request's state at that moment.</li>
 * </ul>
 */
@Component
class RequestWaiters {

    private static final Logger log = LoggerFactory.getLogger(RequestWaiters.class);
    /** Overlap between sweeps, so that a commit stamped slightly before the previous sweep is not missed. */
    private static final Duration SWEEP_OVERLAP = Duration.ofSeconds(5);

    private record Waiter(DeferredResult<RequestView> result, String baseUrl) {}

    private final Map<RequestId, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final ApprovalRequests requests;
    private final RequestViews views;
    private final Clock clock;
    private volatile Instant lastSweep;

    RequestWaiters(ApprovalRequests requests, RequestViews views, Clock clock) {
        this.requests = requests;
        this.views = views;
        this.clock = clock;
        this.lastSweep = clock.instant();
    }

    DeferredResult<RequestView> await(RequestId id, Duration timeout, String baseUrl) {
        DeferredResult<RequestView> result = new DeferredResult<>(Math.max(1, timeout.toMillis()));
        Waiter waiter = new Waiter(result, baseUrl);
        // Registered before looking, so that an outcome committed in between is either seen below or released.
        waiting.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        result.onCompletion(() -> forget(id, waiter));
        result.onError(e -> forget(id, waiter));
        ApprovalRequest current;
        try {
            current = load(id);
        } catch (RuntimeException e) {
            forget(id, waiter);
            throw e;
        }
        if (current.status().isTerminal() || timeout.isZero()) {
            answer(waiter, current);
        } else {
            result.onTimeout(() -> answer(waiter, load(id)));
        }
        return result;
    }

    @TransactionalEventListener
    void on(RequestChanged changed) {
        if (changed.ended()) {
            release(changed.request());
        }
    }

    /**
     * On shutdown, answers every waiter with the request's current state instead of letting the connection drop:
     * callers see "still pending" and wait again, on this node once it is back or on another.
     */
    @EventListener(ContextClosedEvent.class)
    void releaseAllOnShutdown() {
        for (RequestId id : List.copyOf(waiting.keySet())) {
            try {
                requests.find(id).ifPresent(this::release);
            } catch (RuntimeException e) {
                log.warn("Could not answer waiters of {} on shutdown: {}", id, e.toString());
            }
        }
    }

    /** Releases waiters whose request another node ended. */
    @Scheduled(fixedDelayString = "${countersign.waiters.sweep-interval-ms:1000}")
    void sweep() {
        Instant started = clock.instant();
        if (waiting.isEmpty()) {
            lastSweep = started;
            return;
        }
        try {
            for (RequestId id : requests.endedSince(lastSweep.minus(SWEEP_OVERLAP))) {
                if (waiting.containsKey(id)) {
                    requests.find(id).ifPresent(this::release);
                }
            }
            lastSweep = started;
        } catch (RuntimeException e) {
            log.warn("Could not check for requests ended elsewhere; retrying: {}", e.toString());
        }
    }

    private void release(ApprovalRequest request) {
        Set<Waiter> released = waiting.remove(request.id());
        if (released != null) {
            released.forEach(waiter -> answer(waiter, request));
        }
    }

    private void answer(Waiter waiter, ApprovalRequest request) {
        waiter.result().setResult(views.view(request, waiter.baseUrl()));
    }

    private ApprovalRequest load(RequestId id) {
        return requests.find(id).orElseThrow(() -> new RequestNotFound(id.value()));
    }

    private void forget(RequestId id, Waiter waiter) {
        waiting.computeIfPresent(id, (k, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }
}
