package dev.countersign.approval;

import dev.countersign.approval.ApprovalRequests.DuplicateIdempotencyKey;

/** Use case: a system asks for approval. With an idempotency key, asking twice creates one request. */
public final class SubmitRequest {

    private final ApprovalRequests requests;
    private final RequestChanges changes;
    private final ChannelAllowList channels;

    public SubmitRequest(ApprovalRequests requests, RequestChanges changes) {
        this(requests, changes, ChannelAllowList.ANY);
    }

    /** @param channels where requests may have Countersign post in Slack; checked before anything is stored */
    public SubmitRequest(ApprovalRequests requests, RequestChanges changes, ChannelAllowList channels) {
        this.requests = requests;
        this.changes = changes;
        this.channels = channels;
    }

    /** @param created false when the idempotency key matched an earlier, identical submission */
    public record Submitted(ApprovalRequest request, boolean created) {}

    /**
     * @param credential what the caller proved it is; recorded as the request's creator, next to the requester the
     *                   spec names
     */
    public Submitted submit(RequestSpec spec, IdempotencyKey key, Via via, Credential credential) {
        // Checked on a valid request only, so that the caller first hears every problem of its shape at once.
        channels.check(spec.validate());
        spec = spec.withCreatedBy(credential);
        if (key != null) {
            var earlier = earlierSubmission(key);
            if (earlier != null) {
                return earlier;
            }
        }
        var submission = ApprovalRequest.submit(RequestId.random(), spec, via, changes.now());
        try {
            changes.add(submission, key, credential);
        } catch (DuplicateIdempotencyKey raced) {
            // A concurrent retry with the same key got there first: answer as if this one came second.
            var earlier = earlierSubmission(key);
            if (earlier == null) {
                throw raced;
            }
            return earlier;
        }
        return new Submitted(submission.request(), true);
    }

    private Submitted earlierSubmission(IdempotencyKey key) {
        var stored = requests.findByIdempotencyKey(key.key());
        if (stored.isEmpty()) {
            return null;
        }
        if (!stored.get().fingerprint().equals(key.fingerprint())) {
            throw new RequestStateConflict("Idempotency-Key '" + key.key() + "' was already used for a different "
                    + "request (" + stored.get().id() + "); use a new key for a new request");
        }
        return new Submitted(requests.find(stored.get().id()).orElseThrow(), false);
    }
}
