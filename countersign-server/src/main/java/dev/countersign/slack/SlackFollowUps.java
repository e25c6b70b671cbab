package dev.countersign.slack;

import dev.countersign.approval.ApprovalEvent;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.FollowUps;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RequestChanged;
import dev.countersign.slack.SlackOutbox.NewTask;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a change's Slack tasks into the outbox, inside the change's transaction. Whoever holds an active mandate
 * for an approver who is asked is asked too, right after them: a delegate gets every approval-request DM their
 * delegator gets.
 */
class SlackFollowUps implements FollowUps {

    private final SlackOutbox outbox;
    private final Mandates mandates;
    private final Clock clock;

    SlackFollowUps(SlackOutbox outbox, Mandates mandates, Clock clock) {
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
        List<NewTask> tasks = new ArrayList<>();
        for (RequestChanged change : changes) {
            tasks.addAll(withDelegates(change.request(), NotificationPlan.tasksFor(change.request(), change.events()),
                    mandates, now));
        }
        outbox.add(tasks, now);
    }

    static List<NewTask> withDelegates(ApprovalRequest request, List<NewTask> tasks, Mandates mandates,
                                       Instant now) {
        List<NewTask> all = new ArrayList<>(tasks.size());
        for (NewTask task : tasks) {
            all.add(task);
            if (task.task() == SlackTask.ASK_APPROVER) {
                all.addAll(askDelegates(request, new Email(task.recipient()), task.level(), mandates, now));
            }
        }
        return all;
    }

    /**
     * One task per delegate of {@code approver} on {@code level}, in a stable order. Left out: someone asked on the
     * level on their own account (one DM is enough), and the requester, who may not decide on their own request.
     */
    static List<NewTask> askDelegates(ApprovalRequest request, Email approver, int level, Mandates mandates,
                                      Instant now) {
        return mandates.proxiesFor(approver, now).stream()
                .filter(proxy -> !request.eligibleApprovers(level).contains(proxy))
                .filter(proxy -> !proxy.equals(request.spec().requester()))
                .sorted(Comparator.comparing(Email::value))
                .map(proxy -> new NewTask(request.id().value(), SlackTask.ASK_DELEGATE, proxy.value(), level,
                        approver.value()))
                .toList();
    }
}
