package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestPage;
import dev.countersign.approval.RequestQuery;
import dev.countersign.approval.Status;
import dev.countersign.delegation.Delegation;
import dev.countersign.delegation.DelegationEnded;
import dev.countersign.delegation.DelegationFollowUps;
import dev.countersign.delegation.DelegationStarted;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.Delivery.Refresh;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.slack.store.SlackMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Slack's side of delegations, written into the outbox in the transaction that announces them. When one starts,
 * its delegate is asked about every request already waiting for the delegator; when one ends, the DMs it gave
 * the delegate are redrawn, without their buttons.
 */
class SlackDelegations implements DelegationFollowUps {

    private final ApprovalRequests requests;
    private final DeliveryOutbox outbox;
    private final SlackMessages messages;
    private final Mandates mandates;
    private final Clock clock;

    SlackDelegations(
            ApprovalRequests requests, DeliveryOutbox outbox, SlackMessages messages, Mandates mandates, Clock clock) {
        this.requests = requests;
        this.outbox = outbox;
        this.messages = messages;
        this.mandates = mandates;
        this.clock = clock;
    }

    @Override
    public void record(DelegationStarted started) {
        Delegation delegation = started.delegation();
        Instant now = clock.instant();
        List<Delivery> tasks = new ArrayList<>();
        RequestPage.Position after = null;
        do {
            RequestPage page = requests.search(
                    new RequestQuery(Status.PENDING, delegation.from(), null, RequestQuery.MAX_LIMIT, after));
            for (ApprovalRequest request : page.items()) {
                int level = request.levelNumber();
                if (request.awaits(delegation.from(), level)) {
                    SlackFollowUps.askDelegates(request, delegation.from(), level, mandates, now).stream()
                            .filter(task -> task.recipient().equals(delegation.to()))
                            .forEach(tasks::add);
                }
            }
            after = page.next();
        } while (after != null);
        outbox.add(tasks, now);
    }

    @Override
    public void record(DelegationEnded ended) {
        Delegation delegation = ended.delegation();
        List<Refresh> tasks =
                messages
                        .requestsAskedOnBehalf(
                                delegation.to().value(), delegation.from().value())
                        .stream()
                        .filter(id -> requests.find(new RequestId(id))
                                .map(r -> r.status() == Status.PENDING)
                                .orElse(false))
                        .map(id -> new Refresh(new RequestId(id)))
                        .toList();
        outbox.add(tasks, clock.instant());
    }
}
