package dev.countersign.schedule;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.Transactions;
import dev.countersign.schedule.Nudges.Reminder;
import dev.countersign.schedule.RequestReminders.Due;
import dev.countersign.schedule.RequestReminders.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminds pending approvers whose reminder fell due, and escalates once the reminders are used up. Each step is
 * taken with a guarded update in the transaction that queues its messages: a second sweep (late, repeated, on
 * another instance) finds the step taken and sends nothing. Due rows are taken a batch at a time, each batch a few
 * statements in one transaction; should a batch fail, its rows are taken one by one, so that one broken request
 * does not hold up anyone else's reminders.
 */
class ReminderSweep implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(ReminderSweep.class);
    private static final int PAGE = 500;
    private static final int MAX_PAGES = 200;

    private final RequestReminders reminders;
    private final ApprovalRequests requests;
    private final RequestTypes types;
    private final Nudges nudges;
    private final Transactions transactions;
    private final SweepWorkers workers;

    ReminderSweep(
            RequestReminders reminders,
            ApprovalRequests requests,
            RequestTypes types,
            Nudges nudges,
            Transactions transactions,
            SweepWorkers workers) {
        this.workers = workers;
        this.reminders = reminders;
        this.requests = requests;
        this.types = types;
        this.nudges = nudges;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "reminders";
    }

    @Override
    public void runDue(Instant now) {
        for (int page = 0; page < MAX_PAGES; page++) {
            List<Due> due = reminders.due(now, PAGE);
            workers.forEachBatch(due, batch -> {
                try {
                    steps(batch, now);
                } catch (RuntimeException e) {
                    log.debug(
                            "A batch of {} reminder steps failed, taking them one by one: {}",
                            batch.size(),
                            e.toString());
                    batch.forEach(one -> {
                        try {
                            steps(List.of(one), now);
                        } catch (RuntimeException again) {
                            log.warn("Reminder step for request {} failed: {}", one.requestId(), again.toString());
                        }
                    });
                }
            });
            if (due.size() < PAGE) {
                return;
            }
        }
    }

    /** The next step for each due row: remind, escalate, or nothing more (the request moved on or ended). */
    private void steps(List<Due> batch, Instant now) {
        Map<String, ApprovalRequest> found =
                requests
                        .findAll(batch.stream()
                                .map(d -> new RequestId(d.requestId()))
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(r -> r.id().value(), Function.identity()));
        List<Due> finished = new ArrayList<>();
        record Reminding(Step step, Reminder reminder) {}
        List<Reminding> remind = new ArrayList<>();
        record Escalation(Due due, ApprovalRequest request, ReminderPlan plan) {}
        List<Escalation> escalate = new ArrayList<>();
        for (Due due : batch) {
            ApprovalRequest request = found.get(due.requestId());
            var plan = request == null ? Optional.<ReminderPlan>empty() : types.planFor(request);
            boolean stillAsked = request != null && request.asks(due.level()) && !request.dueToExpire(now);
            if (!stillAsked || plan.isEmpty()) {
                finished.add(due);
            } else if (due.sent() < plan.get().max()) {
                remind.add(new Reminding(
                        new Step(due, plan.get().nextAfter(now)),
                        new Reminder(
                                request, due.level(), due.sent() + 1, plan.get().max())));
            } else if (due.escalatedAt() == null && !plan.get().escalateTo().isEmpty()) {
                escalate.add(new Escalation(due, request, plan.get()));
            } else {
                finished.add(due);
            }
        }
        transactions.inTransaction(() -> {
            reminders.finishedAll(finished);
            boolean[] moved =
                    reminders.remindedAll(remind.stream().map(Reminding::step).toList());
            List<Reminder> sent = new ArrayList<>();
            for (int i = 0; i < moved.length; i++) {
                if (moved[i]) {
                    sent.add(remind.get(i).reminder());
                }
            }
            nudges.remindAll(sent, now);
            for (Escalation e : escalate) {
                if (reminders.escalated(e.due(), now)) {
                    nudges.escalate(
                            e.request(),
                            e.due().level(),
                            e.plan().escalateTo(),
                            e.due().sent(),
                            now);
                }
            }
            return null;
        });
    }
}
