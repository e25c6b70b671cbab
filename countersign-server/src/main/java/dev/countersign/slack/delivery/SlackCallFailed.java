package dev.countersign.slack.delivery;

import dev.countersign.delivery.DeliveryFailed;
import java.time.Duration;

/**
 * A Web API call that did not succeed. Retryable when Slack could not take it now (5xx, timeouts, rate limits);
 * otherwise Slack refused it for good ({@code channel_not_found}, {@code invalid_auth}, …) and retrying is pointless.
 * Its {@link #error()} is the Slack error code (e.g. {@code channel_not_found}) or a description such as
 * {@code http 503}.
 */
public class SlackCallFailed extends DeliveryFailed {

    /** @param retryAfter what Slack asked us to wait (429 Retry-After), or {@code null} */
    SlackCallFailed(String method, String error, boolean retryable, Duration retryAfter) {
        super(method + " failed: " + error, error, retryable, retryAfter);
    }
}
