package dev.countersign.delivery;

import java.time.Duration;

/**
 * A channel did not take a delivery. Retryable when it could not take it now (an outage, a timeout, a rate limit):
 * the dispatcher tries again with backoff. Otherwise it refused for good, and the refusal is recorded on the request
 * as a delivery problem.
 */
public class DeliveryFailed extends RuntimeException {

    private final String error;
    private final boolean retryable;
    private final Duration retryAfter;

    /** @param retryAfter what the channel asked us to wait before calling it again (a 429's Retry-After), or null */
    public DeliveryFailed(String message, String error, boolean retryable, Duration retryAfter) {
        super(message);
        this.error = error;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** What went wrong, short: an error code such as {@code channel_not_found}, or {@code http 503}. */
    public String error() {
        return error;
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
