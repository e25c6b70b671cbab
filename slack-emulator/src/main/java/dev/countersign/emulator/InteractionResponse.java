package dev.countersign.emulator;

import java.time.Duration;

/**
 * What the app answered to an interactivity request the emulator sent as a user: the raw HTTP status and body
 * (e.g. {@code {"response_action":"errors",…}} for a modal validation error) and how long it took.
 */
public record InteractionResponse(int status, String body, Duration latency) {

    /** Slack's limit: an answer later than this shows the user an error, whatever the app does afterwards. */
    public static final Duration ACKNOWLEDGEMENT_DEADLINE = Duration.ofSeconds(3);

    /** Whether Slack would count this as acknowledged: HTTP 200 within three seconds. */
    public boolean acknowledgedInTime() {
        return status == 200 && latency.compareTo(ACKNOWLEDGEMENT_DEADLINE) <= 0;
    }
}
