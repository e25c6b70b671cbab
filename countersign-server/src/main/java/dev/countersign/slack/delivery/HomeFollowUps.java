package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalEvent;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.FollowUps;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RequestChanged;
import dev.countersign.delivery.Delivery.PublishHome;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.slack.store.HomeTabOwners;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * After any change to a request, the App Home tabs that show it (or showed it a moment ago) are published again:
 * its requester's and those of everyone listed on any of its levels and of their delegates, when they have opened the
 * tab. Written into
 * the outbox in the change's own transaction, like every other Slack follow-up.
 */
class HomeFollowUps implements FollowUps {

    private final HomeTabOwners homes;
    private final DeliveryOutbox outbox;
    private final Mandates mandates;
    private final Clock clock;

    HomeFollowUps(HomeTabOwners homes, DeliveryOutbox outbox, Mandates mandates, Clock clock) {
        this.mandates = mandates;
        this.homes = homes;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void record(ApprovalRequest request, List<ApprovalEvent> events) {
        recordAll(List.of(new RequestChanged(request, events)));
    }

    /** One publication per tab, however many of the changes it shows. */
    @Override
    public void recordAll(List<RequestChanged> changes) {
        Set<Email> concerned = new LinkedHashSet<>();
        for (RequestChanged change : changes) {
            if (change.events().isEmpty()) {
                continue;
            }
            concerned.add(change.request().spec().requester());
            concerned.addAll(change.request().listedApprovers());
        }
        if (concerned.isEmpty()) {
            return;
        }
        // Delegates list what their principals are asked, so their tabs change with it (one query for all).
        concerned.addAll(mandates.proxiesForAny(List.copyOf(concerned), clock.instant()));
        List<String> tabs = homes.openedBy(concerned);
        if (!tabs.isEmpty()) {
            outbox.add(tabs.stream().map(PublishHome::new).toList(), clock.instant());
        }
    }
}
