package dev.countersign.slack;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.RequestPage;
import dev.countersign.approval.RequestQuery;
import dev.countersign.approval.Status;

import java.util.List;

/**
 * One person's two lists, as {@code /approvals} and the App Home tab show them: what waits for their decision, and
 * their own requests still open. Each list holds the newest {@link #SHOWN}; {@code more…} says whether there are
 * others (Slack caps the blocks of a message and of a view).
 */
record ApprovalOverview(Email person, List<ApprovalRequest> awaitingYou, boolean moreAwaiting,
                        List<ApprovalRequest> yourOpen, boolean moreOpen) {

    static final int SHOWN = 10;

    ApprovalOverview {
        awaitingYou = List.copyOf(awaitingYou);
        yourOpen = List.copyOf(yourOpen);
    }

    /** Two indexed queries: the approver's pending decisions and the requester's open requests. */
    static ApprovalOverview of(Email person, ApprovalRequests requests) {
        List<ApprovalRequest> awaiting = requests.awaitingDecisionBy(person, SHOWN + 1);
        RequestPage open = requests.search(new RequestQuery(Status.PENDING, null, person, SHOWN, null));
        return new ApprovalOverview(person, awaiting.subList(0, Math.min(SHOWN, awaiting.size())),
                awaiting.size() > SHOWN, open.items(), open.next() != null);
    }
}
