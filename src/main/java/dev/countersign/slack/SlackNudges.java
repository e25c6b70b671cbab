package dev.countersign.slack;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import dev.countersign.schedule.Nudges;
import dev.countersign.slack.SlackOutbox.NewTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reminders, escalations and urgent reports as Slack tasks, written into the outbox in the scheduler's transaction
 * and sent by the dispatcher after commit. Who is reminded: every approver of the level who has not decided, and
 * their delegates (those who hold a mandate now, and those already sent a DM on their behalf).
 */
class SlackNudges implements Nudges {

    private final SlackOutbox outbox;
    private final Mandates mandates;
    private final JdbcClient jdbc;
    private final SlackDispatcher dispatcher;

    SlackNudges(SlackOutbox outbox, Mandates mandates, JdbcClient jdbc, SlackDispatcher dispatcher) {
        this.outbox = outbox;
        this.mandates = mandates;
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
    }

    @Override
    public void remind(ApprovalRequest request, int level, int number, int max, Instant now) {
        queue(toUndecided(request, level, SlackTask.REMIND, number, max, now), now);
    }

    @Override
    public void escalate(ApprovalRequest request, int level, List<String> contacts, int remindersSent, Instant now) {
        List<NewTask> tasks = new ArrayList<>();
        for (String contact : contacts) {
            tasks.add(new NewTask(request.id().value(), SlackTask.ESCALATE, contact, level,
                    remindersSent + " reminders"));
        }
        queue(tasks, now);
    }

    @Override
    public void reportUrgent(ApprovalRequest request, Instant now) {
        queue(toUndecided(request, request.levelNumber(), SlackTask.URGENT_REPORT, 1, 1, now), now);
    }

    private List<NewTask> toUndecided(ApprovalRequest request, int level, SlackTask task, int number, int max,
                                      Instant now) {
        String id = request.id().value();
        List<NewTask> tasks = new ArrayList<>();
        for (Email approver : new TreeSet<>(request.eligibleApprovers(level))) {
            if (request.decisions().stream().anyMatch(d -> d.voter().equals(approver))) {
                continue;
            }
            tasks.add(new NewTask(id, task, approver.value(), level, new ReminderNote(number, max, null).encode()));
            for (String delegate : delegatesOf(id, level, approver, now)) {
                tasks.add(new NewTask(id, task, delegate, level, new ReminderNote(number, max, approver).encode()));
            }
        }
        return tasks;
    }

    private Set<String> delegatesOf(String requestId, int level, Email approver, Instant now) {
        Set<String> delegates = new TreeSet<>();
        mandates.proxiesFor(approver, now).forEach(proxy -> delegates.add(proxy.value()));
        delegates.addAll(jdbc.sql("""
                        select recipient from slack_message
                        where request_id = ? and kind = ? and level_number = ? and on_behalf_of = ?
                        """)
                .params(requestId, SlackMessageKind.APPROVER_DM.name(), level, approver.value())
                .query(String.class)
                .list());
        delegates.remove(approver.value());
        return delegates;
    }

    private void queue(List<NewTask> tasks, Instant now) {
        if (tasks.isEmpty()) {
            return;
        }
        outbox.add(tasks, now);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        }
    }
}
