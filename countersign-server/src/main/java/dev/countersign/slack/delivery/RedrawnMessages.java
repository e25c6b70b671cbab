package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.store.SlackMessages.Stored;
import java.time.Clock;
import java.time.Instant;

/** A message posted about a request, drawn again as the request stands now. */
class RedrawnMessages {

    private final RequestMessages render;
    private final Mandates mandates;
    private final Clock clock;

    RedrawnMessages(RequestMessages render, Mandates mandates, Clock clock) {
        this.render = render;
        this.mandates = mandates;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException for the kinds that are never redrawn (progress, reminders, notices) */
    SlackMessage of(ApprovalRequest request, Stored message) {
        return message.onBehalfOf() == null ? redraw(request, message) : delegateDm(request, message);
    }

    /** A delegate's DM as it stands now: without buttons once their delegation is over. */
    private SlackMessage delegateDm(ApprovalRequest request, Stored message) {
        Email delegate = new Email(message.recipient());
        Email principal = new Email(message.onBehalfOf());
        Instant until = mandates.until(delegate, principal, clock.instant()).orElse(null);
        return render.delegateDm(request, delegate, principal, message.level(), until);
    }

    private SlackMessage redraw(ApprovalRequest request, Stored message) {
        String recipient = message.recipient();
        Integer level = message.level();
        return switch (message.kind()) {
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
                throw new IllegalArgumentException(message.kind() + " is never redrawn");
        };
    }
}
