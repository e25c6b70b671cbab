package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.Delivery.Escalate;
import dev.countersign.delivery.Delivery.Remind;
import dev.countersign.delivery.Delivery.UrgentReport;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.schedule.Nudges;
import dev.countersign.slack.store.SlackMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reminders, escalations and urgent reports as Slack deliveries, written into the outbox in the scheduler's transaction
 * and sent by the dispatcher after commit. Who is reminded: every approver of the level who has not decided, and
 * their delegates (those who hold a mandate now, and those already sent a DM on their behalf).
 */
class SlackNudges implements Nudges {

    private final DeliveryOutbox outbox;
    private final Mandates mandates;
    private final SlackMessages messages;

    SlackNudges(DeliveryOutbox outbox, Mandates mandates, SlackMessages messages) {
        this.outbox = outbox;
        this.mandates = mandates;
        this.messages = messages;
    }

    @Override
    public void remind(ApprovalRequest request, int level, int number, int max, Instant now) {
        remindAll(List.of(new Reminder(request, level, number, max)), now);
    }

    @Override
    public void remindAll(List<Reminder> reminders, Instant now) {
        queue(
                toUndecided(
                        reminders,
                        (r, recipient, approver) ->
                                new Remind(r.request().id(), recipient, r.level(), r.number(), r.max(), approver),
                        now),
                now);
    }

    @Override
    public void escalate(ApprovalRequest request, int level, List<String> contacts, int remindersSent, Instant now) {
        List<Delivery> tasks = new ArrayList<>();
        for (String contact : contacts) {
            tasks.add(new Escalate(request.id(), contact, level, remindersSent));
        }
        queue(tasks, now);
    }

    @Override
    public void reportUrgent(ApprovalRequest request, Instant now) {
        queue(
                toUndecided(
                        List.of(new Reminder(request, request.levelNumber(), 1, 1)),
                        (r, recipient, approver) -> new UrgentReport(r.request().id(), recipient, r.level(), approver),
                        now),
                now);
    }

    /**
     * One task per undecided approver of each reminder's level and per delegate of theirs, whatever the batch's
     * size in two queries: the mandates held now, and the DMs already sent on an approver's behalf.
     */
    private List<Delivery> toUndecided(List<Reminder> reminders, Nudge nudge, Instant now) {
        record Waiting(Reminder reminder, Set<Email> approvers) {}
        List<Waiting> undecided = new ArrayList<>();
        for (Reminder r : reminders) {
            undecided.add(new Waiting(r, r.request().undecidedApprovers(r.level())));
        }
        Map<Email, Set<Email>> mandated = mandates.proxiesOfEach(
                undecided.stream()
                        .flatMap(w -> w.approvers().stream())
                        .distinct()
                        .toList(),
                now);
        Map<String, Set<String>> sentOnBehalf = dmsOnBehalf(reminders);
        List<Delivery> tasks = new ArrayList<>();
        for (Waiting waiting : undecided) {
            Reminder r = waiting.reminder();
            String id = r.request().id().value();
            for (Email approver : waiting.approvers()) {
                tasks.add(nudge.to(r, approver, null));
                Set<String> delegates = new TreeSet<>(
                        sentOnBehalf.getOrDefault(onBehalfKey(id, r.level(), approver.value()), Set.of()));
                mandated.getOrDefault(approver, Set.of()).forEach(proxy -> delegates.add(proxy.value()));
                delegates.remove(approver.value());
                for (String delegate : delegates) {
                    tasks.add(nudge.to(r, new Email(delegate), approver));
                }
            }
        }
        return tasks;
    }

    /** Who was sent an approval DM on whose behalf, for these requests: by {@link #onBehalfKey}. */
    private Map<String, Set<String>> dmsOnBehalf(List<Reminder> reminders) {
        Map<String, Set<String>> sent = new HashMap<>();
        if (reminders.isEmpty()) {
            return sent;
        }
        for (SlackMessages.DelegateDm dm : messages.delegateDmsAbout(
                reminders.stream().map(r -> r.request().id().value()).distinct().toList())) {
            sent.computeIfAbsent(onBehalfKey(dm.requestId(), dm.level(), dm.principal()), k -> new HashSet<>())
                    .add(dm.recipient());
        }
        return sent;
    }

    private static String onBehalfKey(String requestId, int level, String approver) {
        return requestId + "/" + level + "/" + approver;
    }

    /** The delivery of one reminder to one person; {@code approver}: on whose behalf, when a delegate's. */
    private interface Nudge {
        Delivery to(Reminder reminder, Email recipient, Email approver);
    }

    private void queue(List<Delivery> tasks, Instant now) {
        if (tasks.isEmpty()) {
            return;
        }
        outbox.add(tasks, now);
    }
}
