package dev.countersign.slack;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.LevelStatus;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RequestId;
import dev.countersign.delivery.DeliveryProblems;
import dev.countersign.slack.SlackMessages.Stored;
import dev.countersign.slack.SlackOutbox.NewTask;
import dev.countersign.slack.SlackOutbox.Task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Carries out one outbox task against Slack. Throws {@link SlackCallFailed} when Slack did not take it; the
 * dispatcher decides whether to try again. Each task can run again after a crash or a lost answer: a one-off message
 * is not sent twice once a copy is recorded or found in Slack; when a copy slips through all the same (Slack would
 * not let us look, a node died between posting and recording), every recorded copy is redrawn alike.
 */
class SlackDeliveries {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SlackDeliveries.class);

    /**
     * Messages a recipient gets at most once per request (and level, and principal): a task that runs again sends
     * nothing once a copy is recorded, and on a retry first looks for a copy Slack took without our hearing back.
     * Reminders, daily reports and unreachable-approver notices are not among them: each is news of its own.
     */
    private static final java.util.Set<SlackMessageKind> ONE_OFF = java.util.EnumSet.of(SlackMessageKind.APPROVER_DM,
            SlackMessageKind.REJECTED_DM, SlackMessageKind.APPROVED_DM, SlackMessageKind.EXECUTABLE_DM,
            SlackMessageKind.EXPIRED_DM, SlackMessageKind.ESCALATION_DM);

    private final ApprovalRequests requests;
    private final SlackApi slack;
    private final SlackPeople people;
    private final SlackMessages messages;
    private final RequestMessages render;
    private final SlackOutbox outbox;
    private final DeliveryProblems problems;
    private final CurrentSlackSettings settings;
    private final Mandates mandates;
    private final Clock clock;
    private final HomeTabs homes;

    SlackDeliveries(ApprovalRequests requests, SlackApi slack, SlackPeople people, SlackMessages messages,
                    RequestMessages render, SlackOutbox outbox, DeliveryProblems problems,
                    CurrentSlackSettings settings, Mandates mandates, Clock clock, HomeTabs homes) {
        this.settings = settings;
        this.requests = requests;
        this.slack = slack;
        this.people = people;
        this.messages = messages;
        this.render = render;
        this.outbox = outbox;
        this.problems = problems;
        this.mandates = mandates;
        this.clock = clock;
        this.homes = homes;
    }

    /** Whether Slack can be called at all: there is a bot token, configured or stored by an administrator. */
    boolean canCall() {
        return slack.hasToken();
    }

    /** @return what happened, for the outbox row (e.g. "sent", "skipped: level no longer asked") */
    String deliver(Task task) {
        if (task.task() == SlackTask.REFRESH || task.task() == SlackTask.PUBLISH_HOME) {
            // Before loading the request: a change committed after this point queues a redraw of its own.
            outbox.mergeLaterRedraws(task, clock.instant());
        }
        if (task.task() == SlackTask.PUBLISH_HOME) {
            return homes.publish(task.recipient());
        }
        Optional<String> switchedOff = switchedOff(task);
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
            case ASK_DELEGATE -> askDelegate(request, task);
            case POST_TO_CHANNEL -> postToChannel(task, request, task.recipient());
            case CHANNEL_PROGRESS -> channelProgress(task, request, task.note());
            case TELL_REJECTED -> dm(task, request, task.recipient(), SlackMessageKind.REJECTED_DM,
                    render.rejectedDm(request), null, null);
            case TELL_APPROVED -> dm(task, request, task.recipient(), SlackMessageKind.APPROVED_DM,
                    render.approvedDm(request), null, null);
            case TELL_EXECUTABLE -> dm(task, request, task.recipient(), SlackMessageKind.EXECUTABLE_DM,
                    render.executableDm(request), null, null);
            case TELL_UNREACHABLE -> dm(task, request, request.spec().requester().value(),
                    SlackMessageKind.UNREACHABLE_DM, render.unreachableDm(request, task.note()), null, null);
            case REFRESH -> refresh(request);
            case PUBLISH_HOME -> throw new IllegalStateException("an App Home task is about a person, not a request");
            case TELL_EXPIRED -> dm(task, request, task.recipient(), SlackMessageKind.EXPIRED_DM,
                    render.expiredDm(request), null, null);
            case REMIND -> remind(request, task);
            case ESCALATE -> escalate(request, task);
            case URGENT_REPORT -> urgentReport(request, task);
        };
    }

    /**
     * Why an administrator's settings hold this task back, if they do. Only new DMs are held back: channel posts
     * go on, and messages already sent are still brought up to date, so that nothing in Slack shows a stale state.
     */
    private Optional<String> switchedOff(Task task) {
        boolean dm = switch (task.task()) {
            case ASK_APPROVER, ASK_DELEGATE, TELL_REJECTED, TELL_APPROVED, TELL_EXECUTABLE, TELL_UNREACHABLE,
                 TELL_EXPIRED, REMIND, URGENT_REPORT -> true;
            case ESCALATE -> !dev.countersign.approval.Reminders.isChannel(task.recipient());
            case POST_TO_CHANNEL, CHANNEL_PROGRESS, REFRESH, PUBLISH_HOME -> false;
        };
        if (dm && !settings.notifications()) {
            return Optional.of("Slack DM notifications are turned off");
        }
        boolean toApprover = switch (task.task()) {
            case ASK_APPROVER, ASK_DELEGATE, REMIND, URGENT_REPORT -> true;
            default -> false;
        };
        if (toApprover && !settings.approverDms()) {
            return Optional.of("DMs to approvers are turned off");
        }
        return Optional.empty();
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
            return dm(task, request, task.recipient(), SlackMessageKind.REMINDER_DM, message, task.level(), null);
        }
        var posted = slack.post(original.get().channel(), original.get().ts(), message.text(), message.blocks(),
                requestId);
        messages.add(new Stored(posted.channel(), posted.ts(), requestId, SlackMessageKind.REMINDER_DM,
                task.recipient(), task.level(), original.get().ts()), clock.instant(), task.id());
        return "sent in thread";
    }

    private String escalate(ApprovalRequest request, Task task) {
        if (!request.asks(task.level())) {
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
                    contact, task.level(), null), clock.instant(), task.id());
            return "sent";
        }
        if (messages.find(requestId, SlackMessageKind.ESCALATION_DM, contact, task.level()).isPresent()) {
            return "skipped: already told";
        }
        return dm(task, request, contact, SlackMessageKind.ESCALATION_DM,
                render.escalationDm(request, new Email(contact), task.level()), task.level(), null);
    }

    private String urgentReport(ApprovalRequest request, Task task) {
        ReminderNote note = ReminderNote.parse(task.note());
        String stale = stillWaitsFor(request, task.level(), note.whoseDecision(task.recipient()));
        if (stale != null) {
            return stale;
        }
        return dm(task, request, task.recipient(), SlackMessageKind.URGENT_REPORT_DM,
                render.urgentReportDm(request, new Email(task.recipient()), task.level()), task.level(), null);
    }

    /** Why a reminder is no longer needed; {@code null} when the level still waits for this person. */
    private static String stillWaitsFor(ApprovalRequest request, int level, Email principal) {
        if (!request.asks(level)) {
            return "skipped: level " + level + " is no longer asked";
        }
        if (!request.awaits(principal, level)) {
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
        return dm(task, request, task.recipient(), SlackMessageKind.APPROVER_DM,
                render.approverDm(request, approver, level), level, null);
    }

    /**
     * The approval request to a delegate, on behalf of the approver (note). Checked again when it is sent: the
     * approver may have decided, or the delegation ended, since the task was written.
     */
    private String askDelegate(ApprovalRequest request, Task task) {
        int level = task.level();
        Email delegate = new Email(task.recipient());
        Email principal = new Email(task.note());
        if (request.levelStatus(level) != LevelStatus.PENDING) {
            return "skipped: level " + level + " is no longer asked";
        }
        if (!request.awaits(principal, level)) {
            return "skipped: " + principal + " has decided";
        }
        Optional<Instant> until = mandates.until(delegate, principal, clock.instant());
        if (until.isEmpty()) {
            return "skipped: " + delegate + " no longer holds a delegation from " + principal;
        }
        if (messages.find(request.id().value(), SlackMessageKind.APPROVER_DM, delegate.value(), level,
                principal.value()).isPresent()) {
            return "skipped: already asked";
        }
        return dm(task, request, delegate.value(), SlackMessageKind.APPROVER_DM,
                render.delegateDm(request, delegate, principal, level, until.get()), level, principal.value());
    }

    /**
     * DMs the message to the recipient and keeps where it went. Someone without a Slack account is recorded as a
     * delivery problem; when it is an approver, the requester is told as well.
     *
     * @param level      the level an approval request asks about; {@code null} for notices
     * @param onBehalfOf on a DM to a delegate, whom they are asked for; else {@code null}
     */
    private String dm(Task task, ApprovalRequest request, String recipient, SlackMessageKind kind,
                      SlackMessage message, Integer level, String onBehalfOf) {
        String requestId = request.id().value();
        boolean oneOff = ONE_OFF.contains(kind);
        if (oneOff && messages.find(requestId, kind, recipient, level, onBehalfOf).isPresent()) {
            // Run again (a retry, a lapsed lease, the same news queued twice): the recipient has it already.
            return "skipped: already sent";
        }
        Email email = new Email(recipient);
        Optional<String> userId = people.userIdOf(email, requestId);
        if (userId.isEmpty()) {
            problems.record(requestId, recipient, "no Slack account found for " + recipient
                    + " (users.lookupByEmail: users_not_found); they were not told in Slack", clock.instant());
            if (kind == SlackMessageKind.APPROVER_DM && onBehalfOf == null) {
                outbox.add(List.of(new NewTask(requestId, SlackTask.TELL_UNREACHABLE, null, null, recipient)),
                        clock.instant());
            }
            return "not sent: no Slack account for " + recipient;
        }
        String channel = slack.openDm(userId.get(), requestId);
        if (!oneOff) {
            var posted = slack.post(channel, null, message.text(), message.blocks(), requestId);
            messages.add(new Stored(posted.channel(), posted.ts(), requestId, kind, recipient, level, null,
                    onBehalfOf), clock.instant(), task.id());
            return "sent";
        }
        String mark = mark(kind, recipient, level, onBehalfOf);
        if (task.attempts() > 0) { // attempts made before this one: one may have posted it without our hearing back
            List<String> copies = copiesSlackHas(channel, task, mark, kind);
            if (!copies.isEmpty()) {
                copies.forEach(ts -> messages.add(new Stored(channel, ts, requestId, kind, recipient, level, null,
                        onBehalfOf), clock.instant(), task.id()));
                return "sent (by an earlier attempt whose answer was lost: " + copies.size() + " cop"
                        + (copies.size() == 1 ? "y" : "ies") + " found in Slack)";
            }
        }
        var posted = slack.post(channel, null, message.text(), message.blocks(), requestId, mark);
        messages.add(new Stored(posted.channel(), posted.ts(), requestId, kind, recipient, level, null, onBehalfOf),
                clock.instant(), task.id());
        return "sent";
    }

    /**
     * The copies of a one-off message that Slack holds from an earlier attempt of this task: Slack may have taken a
     * post whose answer never came back (a timeout, a dropped connection), and it offers no idempotency key, so the
     * DM's history since the task was queued is searched for the message's mark. Slack being unavailable stops the
     * task (it is retried); when Slack refuses the search (no {@code im:history} scope), the message is posted again,
     * and the recipient may see it twice.
     */
    private List<String> copiesSlackHas(String channel, Task task, String mark, SlackMessageKind kind) {
        try {
            return slack.postedWith(channel, task.createdAt(), mark, task.requestId());
        } catch (SlackCallFailed e) {
            if (e.retryable()) {
                throw e;
            }
            log.warn("Could not look in Slack for a {} an earlier attempt of task {} may have posted ({}); "
                    + "posting it again, so it may show twice", kind, task.id(), e.error());
            return List.of();
        }
    }

    /**
     * What tells the copies of one message apart from every other message in the DM: its kind, recipient, level and
     * principal, hashed (message metadata is visible to other apps in the workspace; an email should not be).
     */
    static String mark(SlackMessageKind kind, String recipient, Integer level, String onBehalfOf) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((kind + "|" + recipient + "|"
                    + level + "|" + onBehalfOf).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String postToChannel(Task task, ApprovalRequest request, String channel) {
        String requestId = request.id().value();
        if (messages.find(requestId, SlackMessageKind.CHANNEL_POST, channel).isPresent()) {
            return "skipped: already posted";
        }
        SlackMessage message = render.channelPost(request);
        var posted = slack.post(channel, null, message.text(), message.blocks(), requestId);
        messages.add(new Stored(posted.channel(), posted.ts(), requestId, SlackMessageKind.CHANNEL_POST, channel,
                null, null), clock.instant(), task.id());
        return "sent";
    }

    private String channelProgress(Task task, ApprovalRequest request, String line) {
        String requestId = request.id().value();
        Optional<Stored> post = messages.find(requestId, SlackMessageKind.CHANNEL_POST, request.spec().channel());
        if (post.isEmpty()) {
            return "skipped: the request was never posted to " + request.spec().channel();
        }
        SlackMessage message = render.progress(line);
        var posted = slack.post(post.get().channel(), post.get().ts(), message.text(), message.blocks(), requestId);
        messages.add(new Stored(posted.channel(), posted.ts(), requestId, SlackMessageKind.CHANNEL_PROGRESS,
                request.spec().channel(), null, post.get().ts()), clock.instant(), task.id());
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
            SlackMessage drawn = message.onBehalfOf() == null
                    ? render.render(message.kind(), request, message.recipient(), message.level())
                    : delegateDm(request, message);
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

    /** A delegate's DM as it stands now: without buttons once their delegation is over. */
    private SlackMessage delegateDm(ApprovalRequest request, Stored message) {
        Email delegate = new Email(message.recipient());
        Email principal = new Email(message.onBehalfOf());
        Instant until = mandates.until(delegate, principal, clock.instant()).orElse(null);
        return render.delegateDm(request, delegate, principal, message.level(), until);
    }
}
