package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalEvent;
import dev.countersign.approval.ApprovalEvent.ApprovalGranted;
import dev.countersign.approval.ApprovalEvent.ExecutionRecorded;
import dev.countersign.approval.ApprovalEvent.LevelApproved;
import dev.countersign.approval.ApprovalEvent.RequestApproved;
import dev.countersign.approval.ApprovalEvent.RequestBecameExecutable;
import dev.countersign.approval.ApprovalEvent.RequestCancelled;
import dev.countersign.approval.ApprovalEvent.RequestExpired;
import dev.countersign.approval.ApprovalEvent.RequestRejected;
import dev.countersign.approval.ApprovalEvent.RequestSubmitted;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.Via;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.Delivery.AskApprover;
import dev.countersign.delivery.Delivery.ChannelProgress;
import dev.countersign.delivery.Delivery.PostToChannel;
import dev.countersign.delivery.Delivery.Refresh;
import dev.countersign.delivery.Delivery.TellApproved;
import dev.countersign.delivery.Delivery.TellExecutable;
import dev.countersign.delivery.Delivery.TellExpired;
import dev.countersign.delivery.Delivery.TellRejected;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.render.SlackText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who must hear of a change, as Slack deliveries: approvers of a level when it is asked, the requester on the outcome,
 * executors when the work may run, the channel thread on every step, and every posted message redrawn.
 */
final class NotificationPlan {

    private static final int MAX_LINE = 3000;

    private NotificationPlan() {}

    static List<Delivery> tasksFor(ApprovalRequest request, List<ApprovalEvent> events) {
        RequestId id = request.id();
        String channel = request.spec().channel();
        List<Delivery> tasks = new ArrayList<>();
        boolean redraw = false;
        for (ApprovalEvent event : events) {
            switch (event) {
                case RequestSubmitted submitted -> {
                    if (channel != null) {
                        tasks.add(new PostToChannel(id, channel));
                    }
                    askLevel(request, 1, tasks);
                }
                case ApprovalGranted granted -> {
                    progress(
                            tasks,
                            request,
                            ":white_check_mark: " + who(granted.actor(), granted.onBehalfOf(), granted.via())
                                    + " approved level " + granted.level()
                                    + RequestMessages.reasonBelow(granted.reason()));
                    redraw = true;
                }
                case LevelApproved levelApproved -> {
                    if (levelApproved.nextLevel() != null) {
                        progress(
                                tasks,
                                request,
                                ":arrow_right: Level " + levelApproved.level() + " approved; level "
                                        + levelApproved.nextLevel() + " is asked now.");
                        askLevel(request, levelApproved.nextLevel(), tasks);
                    }
                    redraw = true;
                }
                case RequestApproved approved -> {
                    tasks.add(new TellApproved(id, request.spec().requester()));
                    progress(tasks, request, ":tada: Fully approved.");
                    redraw = true;
                }
                case RequestRejected rejected -> {
                    tasks.add(new TellRejected(id, request.spec().requester()));
                    progress(
                            tasks,
                            request,
                            ":x: Rejected by " + who(rejected.actor(), rejected.onBehalfOf(), rejected.via())
                                    + RequestMessages.reasonBelow(rejected.reason()));
                    redraw = true;
                }
                case RequestCancelled cancelled -> {
                    progress(
                            tasks,
                            request,
                            ":no_entry_sign: Cancelled by " + SlackText.line(cancelled.actor(), 200)
                                    + RequestMessages.reasonBelow(cancelled.reason()));
                    redraw = true;
                }
                case RequestExpired expired -> {
                    tasks.add(new TellExpired(id, request.spec().requester()));
                    progress(tasks, request, ":hourglass_flowing_sand: Expired without a decision.");
                    redraw = true;
                }
                case RequestBecameExecutable executable ->
                    request.spec().executors().forEach(executor -> tasks.add(new TellExecutable(id, executor)));
                case ExecutionRecorded executed -> {
                    progress(
                            tasks,
                            request,
                            ":checkered_flag: Executed by " + SlackText.line(executed.actor(), 200) + ".");
                    redraw = true;
                }
            }
        }
        if (redraw) {
            tasks.add(new Refresh(id));
        }
        return tasks;
    }

    /** One DM per person whose approval counts on the level, in a stable order. */
    private static void askLevel(ApprovalRequest request, int level, List<Delivery> tasks) {
        request.eligibleApprovers(level).stream()
                .sorted(Comparator.comparing(Email::value))
                .forEach(approver -> tasks.add(new AskApprover(request.id(), approver, level)));
    }

    /** A line for the channel thread, cut to what one section shows (and the outbox's progress_line holds). */
    private static void progress(List<Delivery> tasks, ApprovalRequest request, String line) {
        if (request.spec().channel() != null) {
            tasks.add(new ChannelProgress(request.id(), request.spec().channel(), SlackText.cut(line, MAX_LINE)));
        }
    }

    /** Who decided, on one line; an administrator's override says so. */
    private static String who(String actor, Email onBehalfOf, Via via) {
        String name = SlackText.line(actor, 200);
        String who = onBehalfOf == null ? name : name + " on behalf of " + SlackText.line(onBehalfOf.value());
        return via == Via.OVERRIDE ? who + " " + RequestMessages.ADMIN_OVERRIDE : who;
    }
}
