package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalEvent;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.FollowUps;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RequestChanged;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.Delivery.AskApprover;
import dev.countersign.delivery.Delivery.AskDelegate;
import dev.countersign.delivery.DeliveryOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a change's Slack deliveries into the outbox, inside the change's transaction. Whoever holds an active mandate
 * for an approver who is asked is asked too, right after them: a delegate gets every approval-request DM their
 * delegator gets.
 */
class SlackFollowUps implements FollowUps {

    private final DeliveryOutbox outbox;
    private final Mandates mandates;
    private final Clock clock;

    SlackFollowUps(DeliveryOutbox outbox, Mandates mandates, Clock clock) {
        this.outbox = outbox;
        this.mandates = mandates;
        this.clock = clock;
    }

    @Override
    public void record(ApprovalRequest request, List<ApprovalEvent> events) {
        recordAll(List.of(new RequestChanged(request, events)));
    }

    /** Every change's tasks in one insert. */
    @Override
    public void recordAll(List<RequestChanged> changes) {
        Instant now = clock.instant();
        List<Delivery> tasks = new ArrayList<>();
        for (RequestChanged change : changes) {
            tasks.addAll(withDelegates(
                    change.request(), NotificationPlan.tasksFor(change.request(), change.events()), mandates, now));
        }
        outbox.add(tasks, now);
    }

    static List<Delivery> withDelegates(ApprovalRequest request, List<Delivery> tasks, Mandates mandates, Instant now) {
        List<Delivery> all = new ArrayList<>(tasks.size());
        for (Delivery task : tasks) {
            all.add(task);
            if (task instanceof AskApprover ask) {
                all.addAll(askDelegates(request, ask.recipient(), ask.level(), mandates, now));
            }
        }
        return all;
    }

    /**
     * One task per delegate of {@code approver} on {@code level} whom the request {@linkplain
     * ApprovalRequest#asksOnBehalf asks on their behalf}, in a stable order.
     */
    static List<AskDelegate> askDelegates(
            ApprovalRequest request, Email approver, int level, Mandates mandates, Instant now) {
        return mandates.proxiesFor(approver, now).stream()
                .filter(proxy -> request.asksOnBehalf(proxy, level))
                .sorted(Comparator.comparing(Email::value))
                .map(proxy -> new AskDelegate(request.id(), proxy, level, approver))
                .toList();
    }
}
