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
    private final CurrentSlackSettings settings;
    private final Clock clock;

    SlackDeliveries(ApprovalRequests requests, SlackApi slack, SlackPeople people, SlackMessages messages,
                    RequestMessages render, SlackOutbox outbox, DeliveryProblems problems,
                    CurrentSlackSettings settings, Clock clock) {
        this.settings = settings;
        this.requests = requests;
        this.slack = slack;
        this.people = people;
        this.messages = messages;
        this.render = render;
        this.outbox = outbox;
        this.problems = problems;
        this.clock = clock;
    }

    /** Whether Slack can be called at all: there is a bot token, configured or stored by an administrator. */
    boolean canCall() {
        return slack.hasToken();
    }

    /** @return what happened, for the outbox row (e.g. "sent", "skipped: level no longer asked") */
    String deliver(Task task) {
        if (task.task() == SlackTask.REFRESH) {
            // Before loading the request: a change committed after this point queues a redraw of its own.
            outbox.mergeLaterRedraws(task, clock.instant());
        }
        Optional<String> switchedOff = switchedOff(task.task());
        if (switchedOff.isPresent()) {
            return "skipped: " + switchedOff.get();
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
        };
    }

    /**
     * Why an administrator's settings hold this task back, if they do. Only new DMs are held back: channel posts
     * go on, and messages already sent are still brought up to date, so that nothing in Slack shows a stale state.
     */
    private Optional<String> switchedOff(SlackTask task) {
        boolean dm = switch (task) {
            case ASK_APPROVER, TELL_REJECTED, TELL_APPROVED, TELL_EXECUTABLE, TELL_UNREACHABLE -> true;
            case POST_TO_CHANNEL, CHANNEL_PROGRESS, REFRESH -> false;
        };
        if (dm && !settings.notifications()) {
            return Optional.of("Slack DM notifications are turned off");
        }
        if (task == SlackTask.ASK_APPROVER && !settings.approverDms()) {
            return Optional.of("DMs to approvers are turned off");
        }
        return Optional.empty();
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
                    || message.kind() == SlackMessageKind.UNREACHABLE_DM) {
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
