package dev.countersign.slack;

import java.time.Duration;

/**
 * A Web API call that did not succeed. Retryable when Slack could not take it now (5xx, timeouts, rate limits);
 * otherwise Slack refused it for good ({@code channel_not_found}, {@code invalid_auth}, …) and retrying is pointless.
 *
 * @param retryAfter what Slack asked us to wait (429 Retry-After), or {@code null}
 */
class SlackCallFailed extends RuntimeException {

    private final String error;
    private final boolean retryable;
    private final Duration retryAfter;

    SlackCallFailed(String method, String error, boolean retryable, Duration retryAfter) {
        super(method + " failed: " + error);
        this.error = error;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** The Slack error code (e.g. {@code channel_not_found}) or a description such as {@code http 503}. */
    String error() {
        return error;
    }

    boolean retryable() {
        return retryable;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
