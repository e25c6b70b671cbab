package dev.countersign.slack.delivery;

import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.store.SlackMessages;
import dev.countersign.slack.store.SlackMessages.Stored;
import java.time.Clock;
import java.util.Optional;

/**
 * Posts messages about requests and records where each copy went, against the outbox task that posted it: a
 * recorded message is not posted again, and is redrawn when the request moves on.
 */
class SlackPosts {

    private final SlackApi slack;
    private final SlackMessages messages;
    private final Clock clock;

    SlackPosts(SlackApi slack, SlackMessages messages, Clock clock) {
        this.slack = slack;
        this.messages = messages;
        this.clock = clock;
    }

    /** The first recorded copy of the message. */
    Optional<Stored> recorded(MessageKey key) {
        return messages.find(key.requestId(), key.kind(), key.recipient(), key.level(), key.onBehalfOf());
    }

    /** Posts the message to a channel, or into a thread when {@code threadTs} is set. */
    void post(Queued<?> task, MessageKey key, String channel, String threadTs, SlackMessage message) {
        var posted = slack.post(channel, threadTs, message.text(), message.blocks(), key.requestId());
        record(task, key, posted.channel(), posted.ts(), threadTs);
    }

    /** Posts the message carrying the key's {@link MessageKey#mark() mark}, by which Slack can be searched for it. */
    void postMarked(Queued<?> task, MessageKey key, String channel, SlackMessage message) {
        var posted = slack.post(channel, null, message.text(), message.blocks(), key.requestId(), key.mark());
        record(task, key, posted.channel(), posted.ts(), null);
    }

    /** Records a copy Slack holds; one recorded already stays as it is. */
    void record(Queued<?> task, MessageKey key, String channel, String ts, String threadTs) {
        messages.add(key.at(channel, ts, threadTs), clock.instant(), task.id());
    }
}
