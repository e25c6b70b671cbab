package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.LevelStatus;
import dev.countersign.approval.Mandates;
import dev.countersign.delivery.Channel;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.Delivery.AskApprover;
import dev.countersign.delivery.Delivery.AskDelegate;
import dev.countersign.delivery.Delivery.ChannelProgress;
import dev.countersign.delivery.Delivery.Escalate;
import dev.countersign.delivery.Delivery.PostToChannel;
import dev.countersign.delivery.Delivery.PublishHome;
import dev.countersign.delivery.Delivery.Refresh;
import dev.countersign.delivery.Delivery.Remind;
import dev.countersign.delivery.Delivery.TellApproved;
import dev.countersign.delivery.Delivery.TellExecutable;
import dev.countersign.delivery.Delivery.TellExpired;
import dev.countersign.delivery.Delivery.TellRejected;
import dev.countersign.delivery.Delivery.TellUnreachable;
import dev.countersign.delivery.Delivery.UrgentReport;
import dev.countersign.delivery.DeliveryChannel;
import dev.countersign.delivery.DeliveryHandler;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.delivery.DeliveryProblems;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.CurrentSlackSettings;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.store.SlackMessageKind;
import dev.countersign.slack.store.SlackMessages;
import dev.countersign.slack.store.SlackMessages.Stored;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Slack's deliveries: one handler per kind, each carrying it out against Slack. A handler throws {@link
 * SlackCallFailed} when Slack did not take it; the dispatcher decides whether to try again. Each delivery can run
 * again after a crash or a lost answer: a one-off message is not sent twice once a copy is recorded or found in
 * Slack; when a copy slips through all the same (Slack would not let us look, a node died between posting and
 * recording), every recorded copy is redrawn alike.
 */
class SlackDeliveries implements DeliveryChannel {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SlackDeliveries.class);

    /**
     * Messages a recipient gets at most once per request (and level, and principal): a task that runs again sends
     * nothing once a copy is recorded, and on a retry first looks for a copy Slack took without our hearing back.
     * Reminders, daily reports and unreachable-approver notices are not among them: each is news of its own.
     */
    private static final java.util.Set<SlackMessageKind> ONE_OFF = java.util.EnumSet.of(
            SlackMessageKind.APPROVER_DM,
            SlackMessageKind.REJECTED_DM,
            SlackMessageKind.APPROVED_DM,
            SlackMessageKind.EXECUTABLE_DM,
            SlackMessageKind.EXPIRED_DM,
            SlackMessageKind.ESCALATION_DM);

    private final ApprovalRequests requests;
    private final SlackApi slack;
    private final SlackUserIds people;
    private final SlackMessages messages;
    private final RequestMessages render;
    private final DeliveryOutbox outbox;
    private final DeliveryProblems problems;
    private final CurrentSlackSettings settings;
    private final Mandates mandates;
    private final Clock clock;
    private final DeliveryHandler<PublishHome> homes;

    /** @param homes the Home tab's publishing, which is the inbound side's (it draws whoever opened the tab) */
    SlackDeliveries(
            ApprovalRequests requests,
            SlackApi slack,
            SlackUserIds people,
            SlackMessages messages,
            RequestMessages render,
            DeliveryOutbox outbox,
            DeliveryProblems problems,
            CurrentSlackSettings settings,
            Mandates mandates,
            Clock clock,
            DeliveryHandler<PublishHome> homes) {
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

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    /** Whether Slack can be called at all: there is a bot token, configured or stored by an administrator. */
    @Override
    public boolean canSend() {
        return slack.hasToken();
    }

    /**
     * Why an administrator's settings hold this delivery back, if they do. Only new DMs are held back: channel posts
     * go on, and messages already sent are still brought up to date, so that nothing in Slack shows a stale state.
     */
    @Override
    public Optional<String> heldBack(Delivery delivery) {
        if (delivery.dm() && !settings.notifications()) {
            return Optional.of("Slack DM notifications are turned off");
        }
        if (delivery.toApprover() && !settings.approverDms()) {
            return Optional.of("DMs to approvers are turned off");
        }
        return Optional.empty();
    }

    @Override
    public List<DeliveryHandler<?>> handlers() {
        return List.of(
                about(AskApprover.class, this::askApprover),
                about(AskDelegate.class, this::askDelegate),
                about(PostToChannel.class, this::postToChannel),
                about(ChannelProgress.class, this::channelProgress),
                about(
                        TellRejected.class,
                        (request, task) -> dm(
                                task,
                                request,
                                task.delivery().recipient().value(),
                                SlackMessageKind.REJECTED_DM,
                                render.rejectedDm(request),
                                null,
                                null)),
                about(
                        TellApproved.class,
                        (request, task) -> dm(
                                task,
                                request,
                                task.delivery().recipient().value(),
                                SlackMessageKind.APPROVED_DM,
                                render.approvedDm(request),
                                null,
                                null)),
                about(
                        TellExecutable.class,
                        (request, task) -> dm(
                                task,
                                request,
                                task.delivery().recipient().value(),
                                SlackMessageKind.EXECUTABLE_DM,
                                render.executableDm(request),
                                null,
                                null)),
                about(
                        TellUnreachable.class,
                        (request, task) -> dm(
                                task,
                                request,
                                request.spec().requester().value(),
                                SlackMessageKind.UNREACHABLE_DM,
                                render.unreachableDm(
                                        request, task.delivery().approver().value()),
                                null,
                                null)),
                about(Refresh.class, (request, task) -> refresh(request)),
                DeliveryHandler.of(PublishHome.class, task -> homes.deliver(task)),
                about(
                        TellExpired.class,
                        (request, task) -> dm(
                                task,
                                request,
                                task.delivery().recipient().value(),
                                SlackMessageKind.EXPIRED_DM,
                                render.expiredDm(request),
                                null,
                                null)),
                about(Remind.class, this::remind),
                about(Escalate.class, this::escalate),
                about(UrgentReport.class, this::urgentReport));
    }

    /** A handler for a kind about a request, which it is given as it is now; none when the request is gone. */
    private <T extends Delivery> DeliveryHandler<T> about(
            Class<T> kind, BiFunction<ApprovalRequest, Queued<T>, String> deliver) {
        return DeliveryHandler.of(
                kind,
                task -> requests.find(task.delivery().request())
                        .map(request -> deliver.apply(request, task))
                        .orElse("skipped: request not found"));
    }

    /**
     * A reply in the thread of the recipient's approval DM, so the buttons are one glance away; a DM of its own,
     * linking to the request, when they have no such DM. Nothing when the level no longer waits for them.
     */
    private String remind(ApprovalRequest request, Queued<Remind> task) {
        Remind reminder = task.delivery();
        String recipient = reminder.recipient().value();
        String stale = stillWaitsFor(request, reminder.level(), reminder.whoseDecision());
        if (stale != null) {
            return stale;
        }
        String requestId = request.id().value();
        Optional<Stored> original = messages.find(requestId, SlackMessageKind.APPROVER_DM, recipient, reminder.level());
        SlackMessage message =
                render.reminder(request, reminder.approver(), reminder.number(), reminder.max(), original.isPresent());
        if (original.isEmpty()) {
            return dm(task, request, recipient, SlackMessageKind.REMINDER_DM, message, reminder.level(), null);
        }
        var posted =
                slack.post(original.get().channel(), original.get().ts(), message.text(), message.blocks(), requestId);
        messages.add(
                new Stored(
                        posted.channel(),
                        posted.ts(),
                        requestId,
                        SlackMessageKind.REMINDER_DM,
                        recipient,
                        reminder.level(),
                        original.get().ts()),
                clock.instant(),
                task.id());
        return "sent in thread";
    }

    private String escalate(ApprovalRequest request, Queued<Escalate> task) {
        int level = task.delivery().level();
        if (!request.asks(level)) {
            return "skipped: level " + level + " is no longer asked";
        }
        String requestId = request.id().value();
        String contact = task.delivery().recipient();
        if (dev.countersign.approval.Reminders.isChannel(contact)) {
            if (messages.find(requestId, SlackMessageKind.ESCALATION_POST, contact, level)
                    .isPresent()) {
                return "skipped: already posted";
            }
            SlackMessage message = render.escalationPost(request, level);
            var posted = slack.post(contact, null, message.text(), message.blocks(), requestId);
            messages.add(
                    new Stored(
                            posted.channel(),
                            posted.ts(),
                            requestId,
                            SlackMessageKind.ESCALATION_POST,
                            contact,
                            level,
                            null),
                    clock.instant(),
                    task.id());
            return "sent";
        }
        if (messages.find(requestId, SlackMessageKind.ESCALATION_DM, contact, level)
                .isPresent()) {
            return "skipped: already told";
        }
        return dm(
                task,
                request,
                contact,
                SlackMessageKind.ESCALATION_DM,
                render.escalationDm(request, new Email(contact), level),
                level,
                null);
    }

    private String urgentReport(ApprovalRequest request, Queued<UrgentReport> task) {
        UrgentReport report = task.delivery();
        String stale = stillWaitsFor(request, report.level(), report.whoseDecision());
        if (stale != null) {
            return stale;
        }
        return dm(
                task,
                request,
                report.recipient().value(),
                SlackMessageKind.URGENT_REPORT_DM,
                render.urgentReportDm(request, report.recipient(), report.level()),
                report.level(),
                null);
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

    private String askApprover(ApprovalRequest request, Queued<AskApprover> task) {
        int level = task.delivery().level();
        Email approver = task.delivery().recipient();
        if (request.levelStatus(level) != LevelStatus.PENDING) {
            return "skipped: level " + level + " is no longer asked";
        }
        if (messages.find(request.id().value(), SlackMessageKind.APPROVER_DM, approver.value(), level)
                .isPresent()) {
            return "skipped: already asked";
        }
        return dm(
                task,
                request,
                approver.value(),
                SlackMessageKind.APPROVER_DM,
                render.approverDm(request, approver, level),
                level,
                null);
    }

    /**
     * The approval request to a delegate, on behalf of the approver. Checked again when it is sent: the
     * approver may have decided, or the delegation ended, since the task was written.
     */
    private String askDelegate(ApprovalRequest request, Queued<AskDelegate> task) {
        int level = task.delivery().level();
        Email delegate = task.delivery().recipient();
        Email principal = task.delivery().approver();
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
        if (messages.find(
                        request.id().value(), SlackMessageKind.APPROVER_DM, delegate.value(), level, principal.value())
                .isPresent()) {
            return "skipped: already asked";
        }
        return dm(
                task,
                request,
                delegate.value(),
                SlackMessageKind.APPROVER_DM,
                render.delegateDm(request, delegate, principal, level, until.get()),
                level,
                principal.value());
    }

    /**
     * DMs the message to the recipient and keeps where it went. Someone without a Slack account is recorded as a
     * delivery problem; when it is an approver, the requester is told as well.
     *
     * @param level      the level an approval request asks about; {@code null} for notices
     * @param onBehalfOf on a DM to a delegate, whom they are asked for; else {@code null}
     */
    private String dm(
            Queued<?> task,
            ApprovalRequest request,
            String recipient,
            SlackMessageKind kind,
            SlackMessage message,
            Integer level,
            String onBehalfOf) {
        String requestId = request.id().value();
        boolean oneOff = ONE_OFF.contains(kind);
        if (oneOff
                && messages.find(requestId, kind, recipient, level, onBehalfOf).isPresent()) {
            // Run again (a retry, a lapsed lease, the same news queued twice): the recipient has it already.
            return "skipped: already sent";
        }
        Email email = new Email(recipient);
        Optional<String> userId = people.userIdOf(email, requestId);
        if (userId.isEmpty()) {
            problems.record(
                    requestId,
                    recipient,
                    "no Slack account found for " + recipient
                            + " (users.lookupByEmail: users_not_found); they were not told in Slack",
                    clock.instant());
            if (kind == SlackMessageKind.APPROVER_DM && onBehalfOf == null) {
                outbox.add(List.of(new TellUnreachable(request.id(), email)), clock.instant());
            }
            return "not sent: no Slack account for " + recipient;
        }
        String channel = slack.openDm(userId.get(), requestId);
        if (!oneOff) {
            var posted = slack.post(channel, null, message.text(), message.blocks(), requestId);
            messages.add(
                    new Stored(posted.channel(), posted.ts(), requestId, kind, recipient, level, null, onBehalfOf),
                    clock.instant(),
                    task.id());
            return "sent";
        }
        String mark = mark(kind, recipient, level, onBehalfOf);
        if (task.attempts() > 0) { // attempts made before this one: one may have posted it without our hearing back
            List<String> copies = copiesSlackHas(channel, task, mark, kind);
            if (!copies.isEmpty()) {
                copies.forEach(ts -> messages.add(
                        new Stored(channel, ts, requestId, kind, recipient, level, null, onBehalfOf),
                        clock.instant(),
                        task.id()));
                return "sent (by an earlier attempt whose answer was lost: " + copies.size() + " cop"
                        + (copies.size() == 1 ? "y" : "ies") + " found in Slack)";
            }
        }
        var posted = slack.post(channel, null, message.text(), message.blocks(), requestId, mark);
        messages.add(
                new Stored(posted.channel(), posted.ts(), requestId, kind, recipient, level, null, onBehalfOf),
                clock.instant(),
                task.id());
        return "sent";
    }

    /**
     * The copies of a one-off message that Slack holds from an earlier attempt of this task: Slack may have taken a
     * post whose answer never came back (a timeout, a dropped connection), and it offers no idempotency key, so the
     * DM's history since the task was queued is searched for the message's mark. Slack being unavailable stops the
     * task (it is retried); when Slack refuses the search (no {@code im:history} scope), the message is posted again,
     * and the recipient may see it twice.
     */
    private List<String> copiesSlackHas(String channel, Queued<?> task, String mark, SlackMessageKind kind) {
        try {
            return slack.postedWith(
                    channel, task.createdAt(), mark, task.delivery().request().value());
        } catch (SlackCallFailed e) {
            if (e.retryable()) {
                throw e;
            }
            log.warn(
                    "Could not look in Slack for a {} an earlier attempt of task {} may have posted ({}); "
                            + "posting it again, so it may show twice",
                    kind,
                    task.id(),
                    e.error());
            return List.of();
        }
    }

    /**
     * What tells the copies of one message apart from every other message in the DM: its kind, recipient, level and
     * principal, hashed (message metadata is visible to other apps in the workspace; an email should not be).
     */
    static String mark(SlackMessageKind kind, String recipient, Integer level, String onBehalfOf) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((kind + "|" + recipient + "|" + level + "|" + onBehalfOf)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String postToChannel(ApprovalRequest request, Queued<PostToChannel> task) {
        String channel = task.delivery().recipient();
        String requestId = request.id().value();
        if (messages.find(requestId, SlackMessageKind.CHANNEL_POST, channel).isPresent()) {
            return "skipped: already posted";
        }
        SlackMessage message = render.channelPost(request);
        var posted = slack.post(channel, null, message.text(), message.blocks(), requestId);
        messages.add(
                new Stored(
                        posted.channel(), posted.ts(), requestId, SlackMessageKind.CHANNEL_POST, channel, null, null),
                clock.instant(),
                task.id());
        return "sent";
    }

    private String channelProgress(ApprovalRequest request, Queued<ChannelProgress> task) {
        String line = task.delivery().line();
        String requestId = request.id().value();
        Optional<Stored> post = messages.find(
                requestId, SlackMessageKind.CHANNEL_POST, request.spec().channel());
        if (post.isEmpty()) {
            return "skipped: the request was never posted to " + request.spec().channel();
        }
        SlackMessage message = render.progress(line);
        var posted = slack.post(post.get().channel(), post.get().ts(), message.text(), message.blocks(), requestId);
        messages.add(
                new Stored(
                        posted.channel(),
                        posted.ts(),
                        requestId,
                        SlackMessageKind.CHANNEL_PROGRESS,
                        request.spec().channel(),
                        null,
                        post.get().ts()),
                clock.instant(),
                task.id());
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
                    ? redraw(message.kind(), request, message.recipient(), message.level())
                    : delegateDm(request, message);
            try {
                slack.update(
                        message.channel(),
                        message.ts(),
                        drawn.text(),
                        drawn.blocks(),
                        request.id().value());
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

    /** The message of this kind for this recipient, as the request stands now. */
    private SlackMessage redraw(SlackMessageKind kind, ApprovalRequest request, String recipient, Integer level) {
        return switch (kind) {
            case APPROVER_DM -> render.approverDm(request, new Email(recipient), level);
            case CHANNEL_POST -> render.channelPost(request);
            case REJECTED_DM -> render.rejectedDm(request);
            case APPROVED_DM -> render.approvedDm(request);
            case EXECUTABLE_DM -> render.executableDm(request);
            case EXPIRED_DM -> render.expiredDm(request);
            case ESCALATION_DM -> render.escalationDm(request, new Email(recipient), level);
            case ESCALATION_POST -> render.escalationPost(request, level);
            case URGENT_REPORT_DM -> render.urgentReportDm(request, new Email(recipient), level);
            case CHANNEL_PROGRESS, UNREACHABLE_DM, REMINDER_DM ->
                throw new IllegalArgumentException(kind + " is never redrawn");
        };
    }
}
