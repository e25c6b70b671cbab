package dev.countersign.slack;

import java.time.Instant;
import java.util.List;

/**
 * The record of every exchange with Slack about a request, for whoever may see the request (the API shows it): each
 * Web API call out and each callback in, with its outcome. Never the token, the secret or message contents.
 */
public interface SlackExchanges {

    /**
     * @param direction {@code out}: a Web API call; {@code in}: a callback from Slack
     * @param name      the method ({@code chat.postMessage}) or callback ({@code block_actions approve})
     */
    record Exchange(Instant at, String direction, String name, String slackUser, String outcome, Integer durationMs) {}

    /** Oldest first, including lines not written yet. */
    List<Exchange> of(String requestId);
}
