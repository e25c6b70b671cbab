package dev.countersign.slack.delivery;

import dev.countersign.approval.Email;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.store.SlackMessageKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct messages to people: opened by their Slack account, recorded, and sent at most once when they are one-off
 * news. Someone without a Slack account is a delivery problem on the request ({@link UnreachablePeople}).
 */
class SlackDms {

    private static final Logger log = LoggerFactory.getLogger(SlackDms.class);

    /**
     * Messages a recipient gets at most once per request (and level, and principal): a task that runs again sends
     * nothing once a copy is recorded, and on a retry first looks for a copy Slack took without our hearing back.
     * Reminders, daily reports and unreachable-approver notices are not among them: each is news of its own.
     */
    private static final Set<SlackMessageKind> ONE_OFF = EnumSet.of(
            SlackMessageKind.APPROVER_DM,
            SlackMessageKind.REJECTED_DM,
            SlackMessageKind.APPROVED_DM,
            SlackMessageKind.EXECUTABLE_DM,
            SlackMessageKind.EXPIRED_DM,
            SlackMessageKind.ESCALATION_DM);

    private final SlackApi slack;
    private final SlackUserIds people;
    private final SlackPosts posts;
    private final UnreachablePeople unreachable;

    SlackDms(SlackApi slack, SlackUserIds people, SlackPosts posts, UnreachablePeople unreachable) {
        this.slack = slack;
        this.people = people;
        this.posts = posts;
        this.unreachable = unreachable;
    }

    /** Whether a copy of the message is recorded: the recipient has it. */
    boolean sent(MessageKey key) {
        return posts.recorded(key).isPresent();
    }

    /**
     * DMs the message to the recipient and keeps where it went. Someone without a Slack account is recorded as a
     * delivery problem; when it is an approver, the requester is told as well.
     */
    String send(Queued<?> task, MessageKey key, SlackMessage message) {
        String requestId = key.requestId();
        String recipient = key.recipient();
        boolean oneOff = ONE_OFF.contains(key.kind());
        if (oneOff && sent(key)) {
            // Run again (a retry, a lapsed lease, the same news queued twice): the recipient has it already.
            return "skipped: already sent";
        }
        Email email = new Email(recipient);
        Optional<String> userId = people.userIdOf(email, requestId);
        if (userId.isEmpty()) {
            return unreachable.notTold(task, key, email);
        }
        String channel = slack.openDm(userId.get(), requestId);
        if (!oneOff) {
            posts.post(task, key, channel, null, message);
            return "sent";
        }
        if (task.attempts() > 0) { // attempts made before this one: one may have posted it without our hearing back
            List<String> copies = copiesSlackHas(channel, task, key);
            if (!copies.isEmpty()) {
                copies.forEach(ts -> posts.record(task, key, channel, ts, null));
                return "sent (by an earlier attempt whose answer was lost: " + copies.size() + " cop"
                        + (copies.size() == 1 ? "y" : "ies") + " found in Slack)";
            }
        }
        posts.postMarked(task, key, channel, message);
        return "sent";
    }

    /**
     * The copies of a one-off message that Slack holds from an earlier attempt of this task: Slack may have taken a
     * post whose answer never came back (a timeout, a dropped connection), and it offers no idempotency key, so the
     * DM's history since the task was queued is searched for the message's mark. Slack being unavailable stops the
     * task (it is retried); when Slack refuses the search (no {@code im:history} scope), the message is posted again,
     * and the recipient may see it twice.
     */
    private List<String> copiesSlackHas(String channel, Queued<?> task, MessageKey key) {
        try {
            return slack.postedWith(
                    channel,
                    task.createdAt(),
                    key.mark(),
                    task.delivery().request().value());
        } catch (SlackCallFailed e) {
            if (e.retryable()) {
                throw e;
            }
            log.warn(
                    "Could not look in Slack for a {} an earlier attempt of task {} may have posted ({}); "
                            + "posting it again, so it may show twice",
                    key.kind(),
                    task.id(),
                    e.error());
            return List.of();
        }
    }
}
