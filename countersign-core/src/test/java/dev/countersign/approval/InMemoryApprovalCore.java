package dev.countersign.approval;

import java.time.Instant;
import java.util.List;

/** The approval core's use cases over in-memory ports, as the Spring wiring puts them together. */
final class InMemoryApprovalCore {

    static final Instant START = Instant.parse("2026-03-02T09:00:00.123456789Z");

    final InMemoryApprovalRequests requests = new InMemoryApprovalRequests();
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final RecordingTransactions transactions = new RecordingTransactions();
    final RecordingAnnouncements announcements = new RecordingAnnouncements(transactions);
    final MutableClock clock = new MutableClock(START);
    final RecordingFollowUps followUps = new RecordingFollowUps();
    final RequestChanges changes =
            new RequestChanges(requests, audit, transactions, FollowUps.all(List.of(followUps, announcements)), clock);
    final SubmitRequest submit = new SubmitRequest(requests, changes);
    final CancelRequest cancel = new CancelRequest(changes);
    final ExpireRequest expire = new ExpireRequest(changes);
    final RecordExecution execution = new RecordExecution(changes);
    final DecideRequest decide;

    InMemoryApprovalCore() {
        this(Mandates.NONE);
    }

    InMemoryApprovalCore(Mandates mandates) {
        decide = new DecideRequest(changes, requests, mandates);
    }

    ApprovalRequest submitted(RequestSpec spec) {
        return submit.submit(spec, null, Via.API, Credential.admin()).request();
    }

    ApprovalRequest approve(RequestId id, Email approver) {
        return decide.decide(id, approver, null, Verdict.APPROVE, null, Via.API, Credential.admin());
    }

    ApprovalRequest stored(RequestId id) {
        return requests.find(id).orElseThrow();
    }
}
