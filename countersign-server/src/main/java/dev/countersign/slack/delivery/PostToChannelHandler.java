package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.delivery.Delivery.PostToChannel;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.SlackMessageKind;

/** The request posted to its channel, once; its progress goes into the post's thread. */
class PostToChannelHandler extends RequestHandler<PostToChannel> {

    private final SlackPosts posts;
    private final RequestMessages render;

    PostToChannelHandler(ApprovalRequests requests, SlackPosts posts, RequestMessages render) {
        super(PostToChannel.class, requests);
        this.posts = posts;
        this.render = render;
    }

    @Override
    String deliver(ApprovalRequest request, Queued<PostToChannel> task) {
        String channel = task.delivery().recipient();
        MessageKey key = new MessageKey(request.id().value(), SlackMessageKind.CHANNEL_POST, channel, null);
        if (posts.recorded(key).isPresent()) {
            return "skipped: already posted";
        }
        posts.post(task, key, channel, null, render.channelPost(request));
        return "sent";
    }
}
