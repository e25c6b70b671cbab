package dev.countersign.slack.inbound;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.countersign.approval.Credential;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.slack.CurrentSlackSettings;

/**
 * Approve ({@code approve}): counts at once, unless an administrator wants a reason for approvals of the request's
 * type, which a modal then asks for.
 */
class ApproveButton implements BlockActionHandler {

    private final ButtonClicks clicks;
    private final CurrentSlackSettings settings;
    private final ReasonModals reasons;
    private final DecideRequest decide;

    ApproveButton(ButtonClicks clicks, CurrentSlackSettings settings, ReasonModals reasons, DecideRequest decide) {
        this.clicks = clicks;
        this.settings = settings;
        this.reasons = reasons;
        this.decide = decide;
    }

    /** Slack has had its answer already (see SlackEventsServlet): this runs after the ack. */
    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        clicks.handle(req.getPayload(), click -> {
            if (settings.approvalNeedsReason(click.request().spec().type())) {
                return reasons.open(click, Verdict.APPROVE);
            }
            decide.decide(
                    click.button().requestId(),
                    click.clicker(),
                    click.onBehalfOf(),
                    Verdict.APPROVE,
                    null,
                    Via.SLACK,
                    Credential.slackUser(click.userId()));
            return "accepted";
        });
        return ctx.ack();
    }
}
