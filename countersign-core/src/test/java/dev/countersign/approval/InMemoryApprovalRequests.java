package dev.countersign.approval;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ApprovalRequests} in memory, with the same optimistic version check as the database: {@link #update}
 * refuses a copy whose version is no longer the stored one. Every read hands out a fresh copy, as a store would.
 *
 * <p>{@link #beforeNextUpdate} and {@link #beforeNextAdd} let a test slip another change in between a load and
 * its store, which is how two people deciding at the same moment look from inside one of them.
 */
final class InMemoryApprovalRequests implements ApprovalRequests {

    private final Map<RequestId, ApprovalRequest> stored = new LinkedHashMap<>();
    private final Map<String, IdempotentSubmission> keys = new HashMap<>();
    private final Deque<Runnable> beforeUpdate = new ArrayDeque<>();
    private final Deque<Runnable> beforeAdd = new ArrayDeque<>();
    private int refusedUpdates;

    /** Runs {@code change} once, inside the next {@link #update}, before the version is checked. */
    synchronized void beforeNextUpdate(Runnable change) {
        beforeUpdate.add(change);
    }

    /** Runs {@code change} once, inside the next {@link #add}, before the idempotency key is checked. */
    synchronized void beforeNextAdd(Runnable change) {
        beforeAdd.add(change);
    }

    /** Somebody else stored a change: the version moves on, nothing else does. */
    synchronized void touch(RequestId id) {
        ApprovalRequest current = stored.get(id);
        stored.put(id, copy(current, current.version() + 1));
    }

    /** How many updates the version check turned away. */
    synchronized int refusedUpdates() {
        return refusedUpdates;
    }

    synchronized int size() {
        return stored.size();
    }

    @Override
    public void add(ApprovalRequest request, IdempotencyKey key) {
        runNext(beforeAdd);
        synchronized (this) {
            if (stored.containsKey(request.id())) {
                throw new IllegalStateException("request " + request.id() + " is already stored");
            }
            if (key != null) {
                if (keys.containsKey(key.key())) {
                    throw new DuplicateIdempotencyKey(key.key(), null);
                }
                keys.put(key.key(), new IdempotentSubmission(request.id(), key.fingerprint()));
            }
            stored.put(request.id(), copy(request, 0));
        }
    }

    @Override
    public synchronized Optional<ApprovalRequest> find(RequestId id) {
        return Optional.ofNullable(stored.get(id)).map(r -> copy(r, r.version()));
    }

    @Override
    public synchronized Optional<IdempotentSubmission> findByIdempotencyKey(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    @Override
    public void update(ApprovalRequest changed) {
        updateAll(List.of(changed));
    }

    /** All or none, as the database's transaction makes it: every version is checked before any copy is stored. */
    @Override
    public void updateAll(List<ApprovalRequest> changed) {
        runNext(beforeUpdate);
        synchronized (this) {
            for (ApprovalRequest request : changed) {
                ApprovalRequest current = stored.get(request.id());
                if (current == null) {
                    throw new IllegalStateException("request " + request.id() + " was never added");
                }
                if (current.version() != request.version()) {
                    refusedUpdates++;
                    throw new ConcurrentRequestChange(request.id());
                }
            }
            changed.forEach(request -> stored.put(request.id(), copy(request, request.version() + 1)));
        }
    }

    @Override
    public synchronized RequestPage search(RequestQuery query) {
        Comparator<ApprovalRequest> newestFirst = Comparator.comparing(ApprovalRequest::createdAt)
                .thenComparing(r -> r.id().value())
                .reversed();
        List<ApprovalRequest> matching = stored.values().stream()
                .filter(r -> query.status() == null || r.status() == query.status())
                .filter(r -> query.requester() == null || r.spec().requester().equals(query.requester()))
                .filter(r ->
                        query.approver() == null || r.spec().levels().stream().anyMatch(l -> l.lists(query.approver())))
                .filter(r -> query.after() == null || isOlder(r, query.after()))
                .sorted(newestFirst)
                .map(r -> copy(r, r.version()))
                .toList();
        if (matching.size() <= query.limit()) {
            return new RequestPage(matching, null);
        }
        List<ApprovalRequest> page = matching.subList(0, query.limit());
        ApprovalRequest last = page.getLast();
        return new RequestPage(page, new RequestPage.Position(last.createdAt(), last.id()));
    }

    @Override
    public synchronized List<ApprovalRequest> awaitingDecisionBy(Email approver, int limit) {
        return stored.values().stream()
                .filter(r -> r.awaits(approver, r.levelNumber()))
                .sorted(Comparator.comparing(ApprovalRequest::createdAt)
                        .thenComparing(r -> r.id().value())
                        .reversed())
                .limit(limit)
                .map(r -> copy(r, r.version()))
                .toList();
    }

    @Override
    public synchronized List<RequestId> endedSince(Instant since) {
        return stored.values().stream()
                .filter(r -> r.status().isTerminal() && !r.decidedAt().isBefore(since))
                .map(ApprovalRequest::id)
                .toList();
    }

    @Override
    public synchronized List<RequestId> dueToExpire(Instant now, int limit) {
        return stored.values().stream()
                .filter(r -> r.dueToExpire(now))
                .sorted(Comparator.comparing(ApprovalRequest::expiresAt))
                .limit(limit)
                .map(ApprovalRequest::id)
                .toList();
    }

    @Override
    public synchronized List<RequestId> overdueUrgent(Instant createdBefore) {
        return stored.values().stream()
                .filter(r -> r.spec().mode() == Mode.URGENT && r.status() == Status.PENDING)
                .filter(r -> r.createdAt().isBefore(createdBefore))
                .sorted(Comparator.comparing(ApprovalRequest::createdAt).thenComparing(r -> r.id().value()))
                .map(ApprovalRequest::id)
                .toList();
    }

    private static boolean isOlder(ApprovalRequest request, RequestPage.Position position) {
        int byTime = request.createdAt().compareTo(position.createdAt());
        return byTime < 0
                || byTime == 0 && request.id().value().compareTo(position.id().value()) < 0;
    }

    private void runNext(Deque<Runnable> changes) {
        Runnable change;
        synchronized (this) {
            change = changes.poll();
        }
        if (change != null) {
            change.run();
        }
    }

    private static ApprovalRequest copy(ApprovalRequest r, long version) {
        return ApprovalRequest.restore(
                r.id(),
                r.spec(),
                r.createdAt(),
                r.expiresAt(),
                version,
                r.status(),
                r.levelNumber(),
                r.decisions(),
                r.execution(),
                r.decidedAt(),
                r.cancellation().orElse(null));
    }
}
