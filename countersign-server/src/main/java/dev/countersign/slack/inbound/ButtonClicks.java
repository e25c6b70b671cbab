package dev.countersign.slack.inbound;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.countersign.approval.ApprovalException;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.slack.delivery.SlackCallFailed;
import dev.countersign.slack.inbound.DecidingInSlack.CannotDecide;
import dev.countersign.slack.inbound.DecidingInSlack.MayDecide;
import dev.countersign.slack.inbound.DecidingInSlack.Obstacle;
import dev.countersign.slack.render.ButtonValue;
import dev.countersign.slack.render.SlackText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every Approve or Reject click takes, after the ack (see {@link SlackEventsServlet}), off Slack's clock:
 * ignore Slack's retries, read the button, find out who clicked and for whom, then let the button's own handler
 * act. Refusals and outdated clicks get an ephemeral reply saying why; nothing changes.
 */
class ButtonClicks {

    private static final Logger log = LoggerFactory.getLogger(ButtonClicks.class);

    /** A click that may be put to the core. */
    record Click(
            BlockActionPayload payload, ButtonValue button, ApprovalRequest request, Email clicker, Email onBehalfOf) {

        String requestId() {
            return button.requestId().value();
        }

        String userId() {
            return payload.getUser().getId();
        }
    }

    /** What a button does with a click; returns the outcome for the exchange log. */
    @FunctionalInterface
    interface ClickAction {
        String act(Click click);
    }

    private final RetriedClicks retries;
    private final ClickReplies replies;
    private final DecidingInSlack deciding;
    private final OnWhoseBehalf behalf;

    ButtonClicks(RetriedClicks retries, ClickReplies replies, DecidingInSlack deciding, OnWhoseBehalf behalf) {
        this.retries = retries;
        this.replies = replies;
        this.deciding = deciding;
        this.behalf = behalf;
    }

    void handle(BlockActionPayload payload, ClickAction action) {
        String userId = payload.getUser().getId();
        BlockActionPayload.Action clicked = payload.getActions().getFirst();
        String name = "block_actions " + clicked.getActionId();
        try {
            if (!retries.firstDelivery(payload, clicked)) {
                replies.record(payload, name, null, "ignored: delivered before");
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Could not record a click from {}: {}", userId, e.toString());
            replies.reply(payload, null, "Countersign could not record that just now. Please try again in a moment.");
            return;
        }
        ButtonValue button;
        try {
            button = ButtonValue.parse(clicked.getValue());
        } catch (IllegalArgumentException e) {
            replies.record(payload, name, null, "refused: " + e.getMessage());
            replies.reply(payload, null, "This button does not belong to a Countersign request.");
            return;
        }
        String requestId = button.requestId().value();
        try {
            DecidingInSlack.Judged judged = deciding.judge(
                    button, payload.getTeam() == null ? null : payload.getTeam().getId(), userId);
            if (judged instanceof CannotDecide cannot) {
                if (cannot.obstacle() == Obstacle.NOT_IDENTIFIED) {
                    replies.refuse(payload, name, requestId, cannot.outcome(), cannot.why());
                } else {
                    replies.refuse(payload, name, requestId, cannot.why());
                }
                return;
            }
            MayDecide may = (MayDecide) judged;
            OnWhoseBehalf.Acting acting = behalf.of(payload, may.request(), may.clicker());
            if (acting.refusal() != null) {
                replies.refuse(payload, name, requestId, acting.refusal());
                return;
            }
            String outcome = action.act(new Click(payload, button, may.request(), may.clicker(), acting.onBehalfOf()));
            replies.record(payload, name, requestId, outcome);
        } catch (ApprovalException refused) {
            // The core's words may quote what a caller sent (an email): escaped like any caller text.
            replies.refuse(payload, name, requestId, "You cannot do that: " + SlackText.line(refused.getMessage()));
        } catch (SlackCallFailed e) {
            replies.record(payload, name, requestId, "failed: " + e.error());
            replies.reply(
                    payload,
                    requestId,
                    "Countersign could not finish this with Slack (" + e.error()
                            + "). Nothing was changed. Please try again.");
        } catch (RuntimeException e) {
            log.error("Handling a click on request {} failed", requestId, e);
            replies.record(payload, name, requestId, "failed: " + e.getClass().getSimpleName());
            replies.reply(
                    payload,
                    requestId,
                    "Countersign could not record that just now. Please try again in a " + "moment.");
        }
    }
}
