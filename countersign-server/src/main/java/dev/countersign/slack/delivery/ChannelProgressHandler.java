package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.delivery.Delivery.ChannelProgress;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.SlackMessageKind;
import dev.countersign.slack.store.SlackMessages.Stored;
import java.util.Optional;

/** A line of progress in the thread of the request's channel post; nothing when it was never posted. */
class ChannelProgressHandler extends RequestHandler<ChannelProgress> {

    private final SlackPosts posts;
    private final RequestMessages render;

    ChannelProgressHandler(ApprovalRequests requests, SlackPosts posts, RequestMessages render) {
        super(ChannelProgress.class, requests);
        this.posts = posts;
        this.render = render;
    }

    @Override
    String deliver(ApprovalRequest request, Queued<ChannelProgress> task) {
        String requestId = request.id().value();
        String channel = request.spec().channel();
        Optional<Stored> post = posts.recorded(new MessageKey(requestId, SlackMessageKind.CHANNEL_POST, channel, null));
        if (post.isEmpty()) {
            return "skipped: the request was never posted to " + channel;
        }
        posts.post(
                task,
                new MessageKey(requestId, SlackMessageKind.CHANNEL_PROGRESS, channel, null),
                post.get().channel(),
                post.get().ts(),
                render.progress(task.delivery().line()));
        return "sent";
    }
}
