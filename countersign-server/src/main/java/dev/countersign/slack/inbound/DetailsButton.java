package dev.countersign.slack.inbound;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;

/** Details ({@code details}) is a link; Slack still reports the click, which needs only an ack. */
class DetailsButton implements BlockActionHandler {

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        return ctx.ack();
    }
}
