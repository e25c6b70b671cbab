package dev.countersign.slack.inbound;

import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import dev.countersign.slack.render.ApprovalOverview;
import java.time.Instant;

/** One person's two lists as they stand now, with what they may decide for the people they are a delegate of. */
class ApprovalOverviews {

    private final ApprovalRequests requests;
    private final Mandates mandates;

    ApprovalOverviews(ApprovalRequests requests, Mandates mandates) {
        this.requests = requests;
        this.mandates = mandates;
    }

    ApprovalOverview of(Email person, Instant now) {
        return ApprovalOverview.of(person, mandates.principalsFor(person, now), requests);
    }
}
