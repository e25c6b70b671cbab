package dev.countersign.approval;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: where approval requests are kept. Implementations store a whole aggregate atomically. */
public interface ApprovalRequests {

    /**
     * Stores a new request, remembering its idempotency key when there is one.
     *
     * @throws DuplicateIdempotencyKey when another request already holds the key
     */
    void add(ApprovalRequest request, IdempotencyKey key);

    Optional<ApprovalRequest> find(RequestId id);

    /** Those of the requests that exist, in no particular order; a store may load them all in one go. */
    default List<ApprovalRequest> findAll(Collection<RequestId> ids) {
        return ids.stream().distinct().map(this::find).flatMap(Optional::stream).toList();
    }

    /** The request stored under an idempotency key, with the fingerprint it was stored with. */
    Optional<IdempotentSubmission> findByIdempotencyKey(String key);

    /**
     * Stores the changed request if nobody changed it since it was loaded (its {@link ApprovalRequest#version()}).
     *
     * @throws ConcurrentRequestChange when somebody did; the caller reloads and tries again
     */
    void update(ApprovalRequest changed);

    /**
     * {@link #update} for several requests, in the caller's transaction; a store may write them all in one go.
     *
     * @throws ConcurrentRequestChange when any of them was changed since it was loaded; the transaction must then
     *                                 be rolled back, as some of the others may have been written
     */
    default void updateAll(List<ApprovalRequest> changed) {
        changed.forEach(this::update);
    }

    /** A page of requests, newest first. */
    RequestPage search(RequestQuery query);

    /**
     * Pending requests that wait for this person's own decision: their approval counts on the level being asked
     * (listed there, not the requester, not decided on an earlier level) and they have not voted yet. Newest first,
     * at most {@code limit}.
     */
    List<ApprovalRequest> awaitingDecisionBy(Email approver, int limit);

    /** Requests that reached a terminal state at or after {@code since}: lets waiters on other nodes be released. */
    List<RequestId> endedSince(Instant since);

    /**
     * Pending requests whose expiry is at or before {@code now} ({@link ApprovalRequest#dueToExpire}), those that
     * expired first first, at most {@code limit}: what the scheduler ends next.
     */
    List<RequestId> dueToExpire(Instant now, int limit);

    /**
     * Pending urgent requests created strictly before {@code createdBefore}, oldest first (ties by id): those whose
     * work may have run for that long without the approvals that should follow it.
     */
    List<RequestId> overdueUrgent(Instant createdBefore);

    record IdempotentSubmission(RequestId id, String fingerprint) {}

    /** Thrown by {@link #add} when the idempotency key is taken (a concurrent retry won the race). */
    final class DuplicateIdempotencyKey extends RuntimeException {
        public DuplicateIdempotencyKey(String key, Throwable cause) {
            super("idempotency key already used: " + key, cause);
        }
    }

    /** Thrown by {@link #update} when the stored version moved on since the request was loaded. */
    final class ConcurrentRequestChange extends RuntimeException {
        public ConcurrentRequestChange(RequestId id) {
            super("request " + id + " was changed concurrently", null, false, false);
        }
    }
}
