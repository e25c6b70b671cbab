package dev.countersign.slack;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.LevelStatus;
import dev.countersign.approval.RequestId;
import dev.countersign.delivery.DeliveryProblems;
import dev.countersign.slack.SlackMessages.Stored;
import dev.countersign.slack.SlackOutbox.NewTask;
import dev.countersign.slack.SlackOutbox.Task;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Carries out one outbox task against Slack. Throws {@link SlackCallFailed} when Slack did not take it; the
 * dispatcher decides whether to try again. Each task can run again after a crash without doing harm beyond,
 * at worst, one repeated post.
 */
class SlackDeliveries {

    private final ApprovalRequests requests;
    private final SlackApi slack;
    private final SlackPeople people;
    private final SlackMessages messages;
    private final RequestMessages render;
    private final SlackOutbox outbox;
    private final DeliveryProblems problems;
    private final Clock clock;

    SlackDeliveries(ApprovalRequests requests, SlackApi slack, SlackPeople people, SlackMessages messages,
                    RequestMessages render, SlackOutbox outbox, DeliveryProblems problems, Clock clock) {
        this.requests = requests;
        this.slack = slack;
        this.people = people;
        this.messages = messages;
        this.render = render;
        this.outbox = outbox;
        this.problems = problems;
        this.clock = clock;
    }

    /** @return what happened, for the outbox row (e.g. "sent", "skipped: level no longer asked") */
    String deliver(Task task) {
        if (task.task() == SlackTask.REFRESH) {
            // Before loading the request: a change committed after this point queues a redraw of its own.
            outbox.mergeLaterRedraws(task, clock.instant());
        }
        Optional<ApprovalRequest> found = requests.find(new RequestId(task.requestId()));
        if (found.isEmpty()) {
            return "skipped: request not found";
        }
        ApprovalRequest request = found.get();
        return switch (task.task()) {
            case ASK_APPROVER -> askApprover(request, task);
            case POST_TO_CHANNEL -> postToChannel(request, task.recipient());
            case CHANNEL_PROGRESS -> channelProgress(request, task.note());
            case TELL_REJECTED -> dm(request, task.recipient(), SlackMessageKind.REJECTED_DM,
                    render.rejectedDm(request), null);
            case TELL_APPROVED -> dm(request, task.recipient(), SlackMessageKind.APPROVED_DM,
                    render.approvedDm(request), null);
            case TELL_EXECUTABLE -> dm(request, task.recipient(), SlackMessageKind.EXECUTABLE_DM,
                    render.executableDm(request), null);
            case TELL_UNREACHABLE -> dm(request, request.spec().requester().value(),
                    SlackMessageKind.UNREACHABLE_DM, render.unreachableDm(request, task.note()), null);
            case REFRESH -> refresh(request);
            case TELL_EXPIRED -> dm(request, task.recipient(), SlackMessageKind.EXPIRED_DM, render.expiredDm(request),
                    null);
            case REMIND -> remind(request, task);
            case ESCALATE -> escalate(request, task);
            case URGENT_REPORT -> urgentReport(request, task);
        };
    }

    /**
     * A reply in the thread of the recipient's approval DM, so the buttons are one glance away; a DM of its own,
     * linking to the request, when they have no such DM. Nothing when the level no longer waits for them.
     */
    private String remind(ApprovalRequest request, Task task) {
        ReminderNote note = ReminderNote.parse(task.note());
        String stale = stillWaitsFor(request, task.level(), note.whoseDecision(task.recipient()));
        if (stale != null) {
            return stale;
        }
        String requestId = request.id().value();
        Optional<Stored> original = messages.find(requestId, SlackMessageKind.APPROVER_DM, task.recipient(),
                task.level());
        SlackMessage message = render.reminder(request, note.principal(), note.number(), note.max(),
                original.isPresent());
        if (original.isEmpty()) {
            return dm(request, task.recipient(), SlackMessageKind.REMINDER_DM, message, task.level());
        }
        var posted = slack.post(original.get().channel(), original.get().ts(), message.text(), message.blocks(),
                requestId);
        messages.add(new Stored(posted.channel(), posted.ts(), requestId, SlackMessageKind.REMINDER_DM,
                task.recipient(), task.level(), original.get().ts()), clock.instant());
        return "sent in thread";
    }

    private String escalate(ApprovalRequest request, Task task) {
        if (request.status() != dev.countersign.approval.Status.PENDING || request.levelNumber() != task.level()) {
            return "skipped: level " + task.level() + " is no longer asked";
        }
        String requestId = request.id().value();
        String contact = task.recipient();
        if (dev.countersign.approval.Reminders.isChannel(contact)) {
            if (messages.find(requestId, SlackMessageKind.ESCALATION_POST, contact, task.level()).isPresent()) {
                return "skipped: already posted";
            }
            SlackMessage message = render.escalationPost(request, task.level());
            var posted = slack.post(contact, null, message.text(), message.blocks(), requestId);
            messages.add(new Stored(posted.channel(), posted.ts(), requestId, SlackMessageKind.ESCALATION_POST,
                    contact, task.level(), null), clock.instant());
            return "sent";
        }
        if (messages.find(requestId, SlackMessageKind.ESCALATION_DM, contact, task.level()).isPresent()) {
            return "skipped: already told";
        }
        return dm(request, contact, SlackMessageKind.ESCALATION_DM,
                render.escalationDm(request, new Email(contact), task.level()), task.level());
    }

    private String urgentReport(ApprovalRequest request, Task task) {
        ReminderNote note = ReminderNote.parse(task.note());
        String stale = stillWaitsFor(request, task.level(), note.whoseDecision(task.recipient()));
        if (stale != null) {
            return stale;
        }
        return dm(request, task.recipient(), SlackMessageKind.URGENT_REPORT_DM,
                render.urgentReportDm(request, new Email(task.recipient()), task.level()), task.level());
    }

    /** Why a reminder is no longer needed; {@code null} when the level still waits for this person. */
    private static String stillWaitsFor(ApprovalRequest request, int level, Email principal) {
        if (request.status() != dev.countersign.approval.Status.PENDING || request.levelNumber() != level) {
            return "skipped: level " + level + " is no longer asked";
        }
        if (request.decisions().stream().anyMatch(d -> d.voter().equals(principal))) {
            return "skipped: " + principal.value() + " has decided";
        }
        return null;
    }

    private String askApprover(ApprovalRequest request, Task task) {
        int level = task.level();
        if (request.levelStatus(level) != LevelStatus.PENDING) {
            return "skipped: level " + level + " is no longer asked";
        }
        if (messages.find(request.id().value(), SlackMessageKind.APPROVER_DM, task.recipient(), level).isPresent()) {
            return "skipped: already asked";
        }
        Email approver = new Email(task.recipient());
        return dm(request, task.recipient(), SlackMessageKind.APPROVER_DM, render.approverDm(request, approver, level),
                level);
    }

    /**
     * DMs the message to the recipient and keeps where it went. Someone without a Slack account is recorded as a
     * delivery problem; when it is an approver, the requester is told as well.
     *
     * @param level the level an approval request asks about; {@code null} for notices
     */
    private String dm(ApprovalRequest request, String recipient, SlackMessageKind kind, SlackMessage message,
                      Integer level) {
        String requestId = request.id().value();
        Email email = new Email(recipient);
        Optional<String> userId = people.userIdOf(email, requestId);
        if (userId.isEmpty()) {
            problems.record(requestId, recipient, "no Slack account found for " + recipient
                    + " (users.lookupByEmail: users_not_found); they were not told in Slack", clock.instant());
            if (kind == SlackMessageKind.APPROVER_DM) {
                outbox.add(List.of(new NewTask(requestId, SlackTask.TELL_UNREACHABLE, null, null, recipient)),
                        clock.instant());
            }
            return "not sent: no Slack account for " + recipient;
        }
        String channel = slack.openDm(userId.get(), requestId);
        var posted = slack.post(channel, null, message.text(), message.blocks(), requestId);
        messages.add(new Stored(posted.channel(), posted.ts(), requestId, kind, recipient, level, null),
                clock.instant());
        return "sent";
    }

    private String postToChannel(ApprovalRequest request, String channel) {
        String requestId = request.id().value();
        if (messages.find(requestId, SlackMessageKind.CHANNEL_POST, channel).isPresent()) {
            return "skipped: already posted";
        }
        SlackMessage message = render.channelPost(request);
        var posted = slack.post(channel, null, message.text(), message.blocks(), requestId);
        messages.add(new Stored(posted.channel(), posted.ts(), requestId, SlackMessageKind.CHANNEL_POST, channel,
                null, null), clock.instant());
        return "sent";
    }

    private String channelProgress(ApprovalRequest request, String line) {
        String requestId = request.id().value();
        Optional<Stored> post = messages.find(requestId, SlackMessageKind.CHANNEL_POST, request.spec().channel());
        if (post.isEmpty()) {
            return "skipped: the request was never posted to " + request.spec().channel();
        }
        SlackMessage message = render.progress(line);
        var posted = slack.post(post.get().channel(), post.get().ts(), message.text(), message.blocks(), requestId);
        messages.add(new Stored(posted.channel(), posted.ts(), requestId, SlackMessageKind.CHANNEL_PROGRESS,
                request.spec().channel(), null, post.get().ts()), clock.instant());
        return "sent";
    }

    /**
     * Redraws every message about the request that shows its state. Slack being unavailable stops the task (it is
     * retried whole: updates are idempotent); a message Slack refuses to update (deleted by someone) is passed over.
     */
    private String refresh(ApprovalRequest request) {
        int updated = 0;
        int refused = 0;
        for (Stored message : messages.of(request.id().value())) {
            if (message.kind() == SlackMessageKind.CHANNEL_PROGRESS
                    || message.kind() == SlackMessageKind.UNREACHABLE_DM
                    || message.kind() == SlackMessageKind.REMINDER_DM) {
                continue;
            }
            SlackMessage drawn = render.render(message.kind(), request, message.recipient(), message.level());
            try {
                slack.update(message.channel(), message.ts(), drawn.text(), drawn.blocks(), request.id().value());
                updated++;
            } catch (SlackCallFailed e) {
                if (e.retryable()) {
                    throw e;
                }
                refused++;
            }
        }
        return "updated " + updated + " message(s)" + (refused == 0 ? "" : ", " + refused + " refused by Slack");
    }
}
