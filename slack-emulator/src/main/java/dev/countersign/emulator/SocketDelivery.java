package dev.countersign.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * One envelope the emulator sent down a Socket Mode connection, and what came back.
 *
 * @param type        the envelope's type: {@code interactive}, {@code slash_commands} or {@code events_api}
 * @param payloadType the payload's own type, e.g. {@code block_actions} or {@code view_submission}
 * @param acked       whether the app acknowledged it within ten seconds
 * @param latency     how long the acknowledgement took (Slack wants it within three seconds)
 * @param ackPayload  the acknowledgement's payload as JSON, empty when it had none; {@code null} when not acked
 */
public record SocketDelivery(
        String envelopeId,
        String type,
        String payloadType,
        Instant sent,
        boolean acked,
        Duration latency,
        String ackPayload) {

    /** Whether Slack would count it as acknowledged: within three seconds. */
    public boolean acknowledgedInTime() {
        return acked && latency.compareTo(InteractionResponse.ACKNOWLEDGEMENT_DEADLINE) <= 0;
    }
}
