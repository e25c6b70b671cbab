package dev.countersign.slack.delivery;

import dev.countersign.slack.store.SlackMessageKind;
import dev.countersign.slack.store.SlackMessages.Stored;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which message about a request this is: what tells its copies apart from every other message, in our records and
 * (as its {@link #mark()}) in Slack.
 *
 * @param level      the level an approval request asks about; {@code null} for notices and channel posts
 * @param onBehalfOf on a DM to a delegate, whom they are asked for; else {@code null}
 */
record MessageKey(String requestId, SlackMessageKind kind, String recipient, Integer level, String onBehalfOf) {

    MessageKey(String requestId, SlackMessageKind kind, String recipient, Integer level) {
        this(requestId, kind, recipient, level, null);
    }

    /** A copy of this message, as Slack holds it. */
    Stored at(String channel, String ts, String threadTs) {
        return new Stored(channel, ts, requestId, kind, recipient, level, threadTs, onBehalfOf);
    }

    /**
     * What tells the copies of one message apart from every other message in the DM: its kind, recipient, level and
     * principal, hashed (message metadata is visible to other apps in the workspace; an email should not be).
     */
    String mark() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + "|" + recipient + "|" + level + "|" + onBehalfOf).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
