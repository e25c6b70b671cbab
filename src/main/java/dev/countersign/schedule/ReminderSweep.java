package dev.countersign.schedule;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.Status;
import dev.countersign.approval.Transactions;
import dev.countersign.schedule.RequestReminders.Due;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reminds pending approvers whose reminder fell due, and escalates once the reminders are used up. Each step is
 * taken with a guarded update in the transaction that queues its messages: a second sweep (late, repeated, on
 * another instance) finds the step taken and sends nothing.
 */
class ReminderSweep implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(ReminderSweep.class);
    private static final int BATCH = 500;
    private static final int MAX_BATCHES = 200;

    private final RequestReminders reminders;
    private final ApprovalRequests requests;
    private final RequestTypes types;
    private final Nudges nudges;
    private final Transactions transactions;
    private final SweepWorkers workers;

    ReminderSweep(RequestReminders reminders, ApprovalRequests requests, RequestTypes types, Nudges nudges,
                  Transactions transactions, SweepWorkers workers) {
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
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<Due> due = reminders.due(now, BATCH);
            workers.forEach(due, d -> {
                try {
                    step(d, now);
                } catch (RuntimeException e) {
                    // One broken request must not hold up everyone else's reminders; it is tried again next sweep.
                    log.warn("Reminder step for request {} failed: {}", d.requestId(), e.toString());
                }
            });
            if (due.size() < BATCH) {
                return;
            }
        }
    }

    private void step(Due due, Instant now) {
        Optional<ApprovalRequest> found = requests.find(new RequestId(due.requestId()));
        ApprovalRequest request = found.orElse(null);
        var plan = request == null ? Optional.<ReminderPlan>empty() : types.planFor(request);
        boolean stillAsked = request != null && request.status() == Status.PENDING
                && request.levelNumber() == due.level()
                && (request.expiresAt() == null || request.expiresAt().isAfter(now));
        if (!stillAsked || plan.isEmpty()) {
            reminders.finished(due);
            return;
        }
        ReminderPlan p = plan.get();
        transactions.inTransaction(() -> {
            if (due.sent() < p.max()) {
                if (reminders.reminded(due, p.nextAfter(now))) {
                    nudges.remind(request, due.level(), due.sent() + 1, p.max(), now);
                }
            } else if (due.escalatedAt() == null && !p.escalateTo().isEmpty()) {
                if (reminders.escalated(due, now)) {
                    nudges.escalate(request, due.level(), p.escalateTo(), due.sent(), now);
                }
            } else {
                reminders.finished(due);
            }
            return null;
        });
    }
}
