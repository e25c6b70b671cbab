package dev.countersign.approval;

import java.time.Instant;

/** Votes cast through the API at a fixed moment, for the domain tests. */
final class Votes {

    static final Instant SUBMITTED_AT = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant VOTED_AT = SUBMITTED_AT.plusSeconds(600);

    private Votes() {}

    static Vote approve(Email approver) {
        return new Vote(approver, null, Verdict.APPROVE, null, Via.API, VOTED_AT);
    }

    static Vote reject(Email approver, String reason) {
        return new Vote(approver, null, Verdict.REJECT, reason, Via.API, VOTED_AT);
    }

    static Vote approveFor(Email principal, Email proxy) {
        return new Vote(proxy, principal, Verdict.APPROVE, null, Via.API, VOTED_AT);
    }

    static ApprovalRequest submitted(SpecBuilder spec) {
        return submitted(spec.build());
    }

    static ApprovalRequest submitted(RequestSpec spec) {
        return ApprovalRequest.submit(RequestId.random(), spec, Via.API, SUBMITTED_AT)
                .request();
    }
}
