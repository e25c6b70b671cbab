package dev.countersign.slack.inbound;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.countersign.approval.Verdict;

/** Reject ({@code reject}): always asks for the reason, which the requester will see. */
class RejectButton implements BlockActionHandler {

    private final ButtonClicks clicks;
    private final ReasonModals reasons;

    RejectButton(ButtonClicks clicks, ReasonModals reasons) {
        this.clicks = clicks;
        this.reasons = reasons;
    }

    /** Slack has had its answer already (see SlackEventsServlet): this runs after the ack. */
    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        clicks.handle(req.getPayload(), click -> reasons.open(click, Verdict.REJECT));
        return ctx.ack();
    }
}
